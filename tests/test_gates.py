"""Tests for dlnotes.gates (notes 2.1, 2.2)."""
import itertools

import numpy as np
import pytest

from dlnotes.gates import (AND, GATE_INPUTS, GATE_NAMES, NAND, NOT, OR, TRUTH, XOR, Perceptron,
                           TwoLayerXOR, search_linear_separators, truth_table, which_gate,
                           xor_mlp_weights)

INPUTS = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])


# ---------------------------------------------------------------- truth tables

@pytest.mark.parametrize("name, gate", [("AND", AND), ("OR", OR), ("NAND", NAND), ("XOR", XOR)])
def test_truth_tables_of_two_input_gates(name, gate):
    inputs, outputs = truth_table(gate)
    np.testing.assert_array_equal(inputs, INPUTS)
    assert inputs.dtype == np.int64 and outputs.dtype == np.int64
    assert outputs.tolist() == TRUTH[name]


def test_truth_table_of_not():
    inputs, outputs = truth_table(NOT)
    assert inputs.tolist() == [[0], [1]]
    assert outputs.tolist() == TRUTH["NOT"] == [1, 0]


def test_truth_table_of_plain_callable_is_called_book_style():
    inputs, outputs = truth_table(lambda x1, x2: x1 or x2)  # n_inputs defaults to 2
    assert outputs.tolist() == TRUTH["OR"]
    _, out3 = truth_table(lambda a, b, c: a & b & c, n_inputs=3)
    assert out3.tolist() == [0] * 7 + [1]


def test_nor_from_or_and_not():
    _, out = truth_table(lambda x1, x2: NOT(OR(x1, x2)))
    assert out.tolist() == TRUTH["NOR"]


def test_and_uses_the_notes_weights_exactly():
    # note 2.1: z = step(x + y - 1.5)
    assert AND.w.tolist() == [1.0, 1.0] and AND.b == -1.5
    assert (OR.w.tolist(), OR.b) == ([1.0, 1.0], -0.5)
    assert (NAND.w.tolist(), NAND.b) == ([-1.0, -1.0], 1.5)
    assert (NOT.w.tolist(), NOT.b) == ([-1.0], 0.5)


def test_gate_weights_are_read_only():
    with pytest.raises(ValueError):
        AND.w[0] = 5.0


# ---------------------------------------------------------------- Perceptron

def test_boundary_fires_at_exactly_zero():
    p = Perceptron([1.0, 1.0], -2.0)
    assert p.net([1, 1]) == 0.0
    assert p([1, 1]) == 1            # net == 0 -> 1 (note 2.1: x >= 0 fires)
    assert p([1, 0]) == 0            # net == -1
    q = Perceptron([0.5], -0.5)
    assert q(1) == 1 and q(0) == 0


def test_call_forms_agree():
    assert AND(1, 1) == AND([1, 1]) == AND(np.array([1.0, 1.0])) == 1
    assert isinstance(AND(1, 1), int)
    batch = AND(INPUTS)
    assert batch.dtype == np.int64 and batch.shape == (4,)
    np.testing.assert_array_equal(AND(INPUTS[:, 0], INPUTS[:, 1]), batch)
    assert AND([True, True]) == 1 and AND(True, False) == 0


def test_net_values():
    np.testing.assert_allclose(AND.net(INPUTS), [-1.5, -0.5, -0.5, 0.5])
    assert AND.net(1, 0) == -0.5 and isinstance(AND.net(1, 0), float)
    assert len(AND) == AND.n_inputs == 2 and len(NOT) == 1


def test_repr():
    assert repr(AND) == "Perceptron(w=[1, 1], b=-1.5)"


# ---------------------------------------------------------------- XOR (note 2.2)

def test_xor_hidden_layer_is_nand_and_or():
    H = XOR.hidden(INPUTS)
    assert H.shape == (4, 2) and H.dtype == np.int64
    assert H[:, 0].tolist() == TRUTH["NAND"]
    assert H[:, 1].tolist() == TRUTH["OR"]
    assert XOR.hidden(1, 0).tolist() == [1, 1]
    assert XOR(INPUTS).tolist() == TRUTH["XOR"]
    assert [XOR(a, b) for a, b in INPUTS] == TRUTH["XOR"]
    assert isinstance(XOR(0, 1), int) and XOR(0, 1) == 1


def test_hidden_points_are_linearly_separable_by_and():
    # the three distinct hidden points (1,0) (1,1) (0,1) are split by AND's line
    H = XOR.hidden(INPUTS)
    assert AND(H).tolist() == TRUTH["XOR"]


def test_nand_is_not_of_and_so_note_construction_matches():
    # note 2.2 builds XOR from OR, AND and NOT: AND(OR(x), NOT(AND(x)))
    not_and = NOT(AND(INPUTS).reshape(-1, 1))
    assert not_and.tolist() == NAND(INPUTS).tolist()
    note_xor = AND(np.column_stack([OR(INPUTS), not_and]))
    assert note_xor.tolist() == XOR(INPUTS).tolist() == TRUTH["XOR"]


def test_two_layer_xor_custom_gates_and_bad_gate():
    alt = TwoLayerXOR(nand=Perceptron([-2, -2], 3), or_gate=Perceptron([2, 2], -1))
    assert alt(INPUTS).tolist() == TRUTH["XOR"]
    with pytest.raises(TypeError, match="TwoLayerXOR.*'and_gate'.*2-input Perceptron"):
        TwoLayerXOR(and_gate=NOT)


def test_xor_mlp_weights_compute_xor():
    W1, b1, W2, b2 = xor_mlp_weights()
    assert W1.shape == (2, 2) and b1.shape == (2,) and W2.shape == (2, 1) and b2.shape == (1,)
    X = INPUTS.astype(float)
    h = (X @ W1 + b1 >= 0).astype(float)
    y = (h @ W2 + b2 >= 0).astype(int).ravel()
    assert y.tolist() == TRUTH["XOR"]
    np.testing.assert_array_equal(h, XOR.hidden(INPUTS))
    W1[0, 0] = 99.0                      # fresh arrays: the gates are untouched
    assert xor_mlp_weights()[0][0, 0] == -1.0 and NAND.w[0] == -1.0


# ---------------------------------------------------------------- which_gate

def test_which_gate_names_the_chosen_weights():
    assert which_gate(1, 1, -1.5) == "AND"
    assert which_gate(1, 1, -0.5) == "OR"
    assert which_gate(-1, -1, 1.5) == "NAND"
    assert which_gate(-1, -1, 0.5) == "NOR"
    assert which_gate(0, 0, -1) == "FALSE"
    assert which_gate(0, 0, 0) == "TRUE"          # net 0 fires
    assert which_gate(1, 0, -0.5) == "x1"
    assert which_gate(0, -1, 0.5) == "NOT x2"
    assert which_gate(1, -1, -0.5) == "x1 AND NOT x2"


def test_which_gate_agrees_with_perceptron_and_never_gives_xor():
    grid = [-1.0, -0.5, 0.0, 0.5, 1.0]
    seen = set()
    for w1, w2, b in itertools.product(grid, repeat=3):
        out = tuple(Perceptron([w1, w2], b)(INPUTS).tolist())
        assert which_gate(w1, w2, b) == GATE_NAMES[out]
        seen.add(which_gate(w1, w2, b))
    assert "XOR" not in seen and "XNOR" not in seen
    assert len(seen) == 14                         # every other boolean function is reachable
    assert len(GATE_NAMES) == 16


def test_which_gate_rejects_non_numbers():
    with pytest.raises(TypeError, match="which_gate.*'b'.*real number.*str"):
        which_gate(1, 1, "x")
    with pytest.raises(ValueError, match="which_gate.*'w1'.*finite"):
        which_gate(np.nan, 1, 0)


# ---------------------------------------------------------------- linear separability

def _reproduces(triple, targets):
    w1, w2, b = triple
    out = [1 if w1 * x1 + w2 * x2 + b >= 0 else 0 for x1, x2 in [(0, 0), (0, 1), (1, 0), (1, 1)]]
    return out == list(targets)


GRID = np.linspace(-2, 2, 41)


def test_xor_has_no_linear_separator():
    found = search_linear_separators(TRUTH["XOR"], GRID)
    assert found.shape == (0, 3)
    assert search_linear_separators([1, 0, 0, 1], GRID).shape == (0, 3)   # XNOR


@pytest.mark.parametrize("name", ["AND", "OR", "NAND", "NOR"])
def test_separable_gates_have_separators_that_work(name):
    found = search_linear_separators(TRUTH[name], GRID)
    assert found.ndim == 2 and found.shape[1] == 3 and len(found) > 0
    assert all(_reproduces(row, TRUTH[name]) for row in found)
    # and every grid triple that works is returned (independent brute force)
    expected = sum(_reproduces(t, TRUTH[name]) for t in itertools.product(GRID[::4], repeat=3))
    assert len(search_linear_separators(name, GRID[::4])) == expected


def test_search_contains_the_gate_weights():
    found = search_linear_separators("AND", GRID)
    assert any(np.array_equal(row, [1.0, 1.0, -1.5]) for row in found)


def test_search_rejects_bad_targets():
    with pytest.raises(ValueError, match="search_linear_separators.*'targets'.*4 outputs"):
        search_linear_separators([0, 1, 2, 0], GRID)
    with pytest.raises(ValueError, match="'targets'"):
        search_linear_separators("XAND", GRID)


# ---------------------------------------------------------------- errors

def test_three_inputs_on_two_weight_gate():
    with pytest.raises(ValueError, match=r"Perceptron: argument 'x' expected 2 .*got shape \(3,\)"):
        AND([1, 0, 1])
    with pytest.raises(ValueError, match=r"Perceptron: argument 'x'.*got shape \(4, 3\)"):
        AND(np.zeros((4, 3)))
    with pytest.raises(ValueError, match=r"TwoLayerXOR: argument 'x'.*shape \(3,\)"):
        XOR(1, 0, 1)


def test_bad_inputs_and_weights():
    with pytest.raises(ValueError, match="Perceptron: argument 'x' expected finite"):
        AND([np.nan, 1])
    with pytest.raises(TypeError, match="Perceptron: argument 'x'"):
        AND(["a", "b"])
    with pytest.raises(TypeError, match="Perceptron: argument 'b' expected a real number"):
        Perceptron([1, 1], None)
    with pytest.raises(ValueError, match="Perceptron: argument 'w' expected a 1-D"):
        Perceptron([[1, 1]], 0)
    with pytest.raises(ValueError, match="Perceptron: argument 'x'.*one length"):
        AND([0, 1], [1])


# ---------------------------------------------------------------- gate inputs are 0 or 1

def test_gate_inputs_are_written_once_read_only():
    assert GATE_INPUTS.tolist() == INPUTS.tolist() and GATE_INPUTS.dtype == np.float64
    np.testing.assert_array_equal(truth_table(AND)[0], GATE_INPUTS)
    with pytest.raises(ValueError):
        GATE_INPUTS[0, 0] = 1.0


STRICT_GATES = [AND, OR, NAND, TwoLayerXOR()]
GATE_IDS = ["AND", "OR", "NAND", "TwoLayerXOR()"]


@pytest.mark.parametrize("gate", STRICT_GATES, ids=GATE_IDS)
@pytest.mark.parametrize("bad", [2, 0.5, -1, 1.0000001])
def test_gates_refuse_inputs_other_than_0_1(gate, bad):
    owner = type(gate).__name__
    expected = r"argument 'x' expected gate inputs 0 or 1 \(or True/False\), got "
    msg = f"{owner}: {expected}{float(bad)!r}"
    for call in (lambda: gate(bad, 1), lambda: gate([1, bad]), lambda: gate([[0, 0], [bad, 1]]),
                 lambda: gate(np.array([0, 1]), np.array([bad, 0]))):
        with pytest.raises(ValueError, match=msg):
            call()
    for call in (lambda: NOT(bad), lambda: AND.net(bad, 0)):
        with pytest.raises(ValueError, match=f"Perceptron: {expected}{float(bad)!r}"):
            call()


def test_gate_error_counts_the_other_bad_values():
    with pytest.raises(ValueError, match=r"got 2.0 \(and 2 more\)"):
        AND([[2, 3], [0, 5]])


@pytest.mark.parametrize("gate", STRICT_GATES, ids=GATE_IDS)
def test_gates_refuse_nan_inf_and_non_numbers(gate):
    owner = type(gate).__name__
    for bad in (np.nan, np.inf):
        with pytest.raises(ValueError, match=f"{owner}: argument 'x' expected finite"):
            gate(bad, 1)
    for bad in ("1", None, 1j):
        with pytest.raises(TypeError, match=f"{owner}: argument 'x' expected a float array"):
            gate(bad, 1)


def test_gates_accept_every_0_1_form():
    assert AND(True, True) == AND(np.True_, np.int8(1)) == AND(1.0, 1.0) == AND([1, 1]) == 1
    assert AND(np.array([True, False])) == 0
    assert AND(np.array([[1, 1], [0, 1]], dtype=np.uint8)).tolist() == [1, 0]
    assert XOR(np.array([True, False])) == 1 and TwoLayerXOR()(GATE_INPUTS).tolist() == TRUTH["XOR"]
    assert AND(np.zeros((0, 2))).shape == (0,)


def test_binary_false_evaluates_the_perceptron_on_real_inputs():
    p = Perceptron([1, 1], -1.5, binary=False)
    assert p(0.9, 0.7) == 1 and p(2, -1) == 0 and p.net(0.5, 0.5) == -0.5
    assert repr(p) == "Perceptron(w=[1, 1], b=-1.5, binary=False)"
    real_xor = TwoLayerXOR(binary=False)
    assert real_xor([[0.9, 0.1], [0.9, 0.9]]).tolist() == [1, 0]
    assert real_xor.hidden(0.2, 0.3).tolist() == [1, 1]
    # XOR's hidden layer is not re-checked, so strict NAND/OR still work inside it
    assert AND.binary and NAND.binary and real_xor.nand is NAND
    with pytest.raises(TypeError, match="Perceptron: argument 'binary' expected True or False"):
        Perceptron([1, 1], 0, binary="no")
    with pytest.raises(TypeError, match="TwoLayerXOR: argument 'binary' expected True or False"):
        TwoLayerXOR(binary=1)


@pytest.mark.parametrize("out, error", [(0.7, ValueError), (2, ValueError), (-1, ValueError),
                                        (np.nan, ValueError), (None, TypeError),
                                        ("1", TypeError)])
def test_truth_table_refuses_outputs_other_than_0_1(out, error):
    gate = lambda a, b: out if (a, b) == (0, 1) else 0  # noqa: E731
    with pytest.raises(error, match=r"truth_table: argument 'gate' expected an output 0 or 1 "
                                    r"for inputs \(0, 1\), got"):
        truth_table(gate)


def test_truth_table_accepts_every_0_1_output():
    outs = {(0, 0): False, (0, 1): True, (1, 0): np.int64(1), (1, 1): np.array([0.0])}
    assert truth_table(lambda a, b: outs[(a, b)])[1].tolist() == [0, 1, 1, 0]


def test_truth_table_n_inputs_must_fit_the_gate_and_stay_small():
    with pytest.raises(ValueError, match="truth_table: argument 'n_inputs' expected the gate's 2 "
                                         "inputs, got 3"):
        truth_table(AND, n_inputs=3)
    with pytest.raises(ValueError, match="truth_table: argument 'n_inputs' expected at most 16"):
        truth_table(lambda *x: 0, n_inputs=17)
    assert truth_table(AND, n_inputs=2)[1].tolist() == TRUTH["AND"]


@pytest.mark.parametrize("bad", [(2, 0), (0.5, 1), (-1, 1)])
def test_the_shared_xor_takes_only_gate_inputs(bad):
    from dlnotes.gates import XOR
    with pytest.raises(ValueError, match="TwoLayerXOR: argument 'x' expected gate inputs 0 or 1"):
        XOR(*bad)
    assert [XOR(a, b) for a, b in ((0, 0), (0, 1), (1, 0), (1, 1))] == [0, 1, 1, 0]
