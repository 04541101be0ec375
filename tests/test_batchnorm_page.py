"""The 04-2 batch-normalization page's new computations (note 4.2.1): the node-by-node backward
pass, the dependency graph, scale invariance, the live explorer's Python side and the exercise on
the output variance.  Each is compared with a second method (the layer, numerical gradients, a
formula worked out by hand)."""
import numpy as np
import pytest

from dlnotes import BatchNormalization, experiments as E, exercises
from dlnotes.gradient import numerical_gradient, relative_error


def _batch(seed=3, B=7, d=3):
    rng = np.random.default_rng(seed)
    return (rng.normal(-1.0, 3.0, (B, d)), rng.normal(size=d), rng.normal(size=d),
            rng.normal(size=(B, d)))


@pytest.mark.parametrize("eps", [1e-300, 1e-5, 0.5])
def test_backward_steps_equal_the_layer_and_numerical_gradients(eps):
    X, gamma, beta, G = _batch()
    st = E.bn_backward_steps(X, gamma, G, eps=eps)
    layer = BatchNormalization(gamma, beta, eps=eps)
    Y = layer.forward(X)
    np.testing.assert_allclose(gamma * st["xhat"] + beta, Y, rtol=1e-13, atol=1e-13)
    np.testing.assert_allclose(st["dx"], layer.backward(G), rtol=1e-10, atol=1e-13)
    np.testing.assert_allclose(st["dgamma"], layer.dgamma, rtol=1e-12)
    np.testing.assert_allclose(st["dbeta"], layer.dbeta, rtol=1e-12)
    num = numerical_gradient(lambda x: float(np.sum(G * BatchNormalization(gamma, beta, eps=eps).forward(x))),
                             X.copy())
    assert relative_error(st["dx"], num) < 1e-7
    # the hand-derived simplifications of steps 2 and 4
    s = np.sqrt(X.var(axis=0) + eps)
    dxhat = gamma * G
    np.testing.assert_allclose(st["dsigma2"], -np.sum(dxhat * st["xhat"], axis=0) / (2 * s ** 2), rtol=1e-10)
    np.testing.assert_allclose(st["dmu"], -np.sum(dxhat, axis=0) / s, rtol=1e-9, atol=1e-12)
    # the closed form (gamma/s)(g - mean g - xhat mean(g xhat))
    closed = gamma / s * (G - G.mean(0) - st["xhat"] * (G * st["xhat"]).mean(0))
    np.testing.assert_allclose(st["dx"], closed, rtol=1e-9, atol=1e-13)
    np.testing.assert_allclose(st["dx"].sum(axis=0), 0, atol=1e-12)


def test_every_intermediate_gradient_matches_its_numerical_gradient():
    X, gamma, beta, G = _batch(seed=5)
    st = E.bn_backward_steps(X, gamma, G)
    num = E.bn_intermediate_numeric(X, gamma, beta, G)
    assert set(num) == {"dxhat", "dsigma2", "du", "dmu", "dx"}
    for key in num:
        assert relative_error(st[key], num[key]) < 1e-7, key
    # the single-path dL/du of the note's "∴" is not it (the other rows' xhat are missing)
    wrong = st["dxhat"] / st["s"] + 2 / len(X) * st["u"] * (st["dxhat"] * -st["u"] / (2 * st["s"] ** 3))
    assert relative_error(wrong, num["du"]) > 0.1


def test_backward_steps_refuse_bad_input():
    X, gamma, _, G = _batch()
    with pytest.raises(ValueError, match="bn_backward_steps: argument 'G' expected shape"):
        E.bn_backward_steps(X, gamma, G[:2])
    with pytest.raises(ValueError, match="bn_backward_steps: argument 'X' expected a batch of at least 2"):
        E.bn_backward_steps(X[:1], gamma, G[:1])
    with pytest.raises(ValueError, match="argument 'eps'"):
        E.bn_backward_steps(X, gamma, G, eps=-1.0)


def test_graph_paths_are_those_of_the_derivation():
    to_own = E.bn_graph_paths("x_i", "y_i")
    to_other = E.bn_graph_paths("x_i", "y_k")
    assert len(to_own) == 5 and len(to_other) == 4
    assert ("x_i", "u_i", "xhat_i", "y_i") in to_own                         # the direct path
    assert ("x_i", "mu", "u_k", "sigma2", "xhat_i", "y_i") in to_own         # via another row
    assert ("x_i", "mu", "u_k", "xhat_k", "y_k") in to_other
    assert E.bn_graph_paths("gamma", "y_i") == [("gamma", "y_i")]
    assert E.bn_graph_paths("y_i", "x_i") == []
    with pytest.raises(ValueError, match="bn_graph_paths: argument 'end'"):
        E.bn_graph_paths("x_i", "z")


def test_scale_invariance_gradient_inverse_and_step_inverse_square():
    rows = E.bn_scale_invariance(scales=(1.0, 3.0, 10.0), eps=1e-300)
    base = rows[0]
    for r in rows:
        c = r["c"]
        assert r["loss"] == pytest.approx(base["loss"], rel=1e-12)
        assert r["grad_norm"] == pytest.approx(base["grad_norm"] / c, rel=1e-10)
        assert r["rel_step"] == pytest.approx(base["rel_step"] / c ** 2, rel=1e-10)
        assert r["grad_norm_times_c"] == pytest.approx(r["grad_norm"] * c)
    assert rows[-1]["grad_norm"] < rows[0]["grad_norm"] / 9          # shrinks: inversely proportional
    # with eps = 1e-5 the invariance holds up to eps / (c² var): a small but nonzero deviation
    eps_rows = E.bn_scale_invariance(scales=(1.0, 10.0))
    dev = abs(eps_rows[1]["grad_norm_times_c"] / eps_rows[0]["grad_norm_times_c"] - 1)
    assert 1e-9 < dev < 1e-5
    with pytest.raises(ValueError, match="bn_scale_invariance: argument 'scales'"):
        E.bn_scale_invariance(scales=(1.0, -2.0))


def test_explorer_state_against_the_layer():
    base = E.bn_explorer_batch()
    assert base.shape == (E.BN_EXPLORER_ROWS,)
    np.testing.assert_array_equal(base, E.bn_explorer_batch())                  # seeded
    for B, c, eps in ((2, 1.0, 1e-5), (16, 0.01, 1e-5), (64, 10.0, 1e-8), (33, 0.001, 1.0)):
        st = E.bn_explorer_state(base, B, c, eps)
        a = c * base[:B]
        want = BatchNormalization(np.ones(1), np.zeros(1), eps=eps).forward(a[:, None])[:, 0]
        order = np.argsort(a, kind="stable")
        np.testing.assert_allclose(st["pre"], a[order], rtol=1e-15)
        np.testing.assert_allclose(st["post"], want[order], rtol=1e-12, atol=1e-14)
        assert st["var_pre"] == pytest.approx(a.var(), rel=1e-12)
        assert st["var_post"] == pytest.approx(a.var() / (a.var() + eps), rel=1e-12)
        assert st["var_predicted"] == pytest.approx(st["var_post"], rel=1e-12)
        assert abs(st["mean_post"]) < 1e-14
        want1 = BatchNormalization(np.ones(1), np.zeros(1), eps=eps).forward(base[:B, None])[:, 0]
        assert st["max_change"] == pytest.approx(np.max(np.abs(want - want1)), abs=1e-13)
    assert E.bn_explorer_state(base, 16, 1.0, 1e-5)["max_change"] == 0.0
    assert E.bn_explorer_state(base, 16, 10.0, 1e-5)["max_change"] < 1e-4       # unchanged up to eps
    assert E.bn_explorer_state(base, 16, 0.001, 1e-5)["max_change"] > 0.5       # eps dominates
    for bad, match in (({"B": 1}, "argument 'B'"), ({"B": 65}, "argument 'B' expected at most 64"),
                       ({"c": 0.0}, "'c' > 0")):
        kw = {"B": 16, "c": 1.0, "eps": 1e-5, **bad}
        with pytest.raises(ValueError, match=match):
            E.bn_explorer_state(base, **kw)


def test_explorer_figure_and_caption():
    from dlnotes.widgets import ch4
    fig = ch4.bn_explorer(B=16, c=0.01, eps=1e-5)
    m = fig.models
    assert {"bn_B", "bn_c", "bn_eps", "bn_pre", "bn_post", "bn_settings", "bn_readout"} <= set(m)
    st = E.bn_explorer_state(E.bn_explorer_batch(), 16, 10 ** -2.0, 10 ** -5.0)
    assert m["bn_readout"].text == ch4.bn_explorer_caption(16, 10 ** -2.0, 10 ** -5.0, st)
    np.testing.assert_array_equal(m["bn_post"].data["value"], st["post"])
    text = m["bn_readout"].text
    assert "variance 0.923196" in text and "ε is not negligible" in text
    assert "ε is negligible" in ch4.bn_explorer_caption(16, 1.0, 1e-5, E.bn_explorer_state(
        E.bn_explorer_batch(), 16, 1.0, 1e-5))
    assert m["bn_readout"].html_attributes["aria-live"] == "polite"
    assert m["bn_B"].title and m["bn_c"].title and m["bn_eps"].title
    assert "D.bnExplorerState" in m["bn_B"].js_property_callbacks["change:value"][0].code
    with pytest.raises(ValueError, match="bn_explorer: argument 'B'"):
        ch4.bn_explorer(B=100)
    with pytest.raises(ValueError, match="bn_explorer: argument 'c'"):
        ch4.bn_explorer(c=100.0)


def test_bn_graph_figure_draws_every_edge():
    from matplotlib.patches import FancyArrowPatch

    from dlnotes import plots
    fig = plots.bn_graph()
    arrows = [p for p in fig.axes[0].patches if isinstance(p, FancyArrowPatch)]
    assert len(arrows) == len(E.BN_GRAPH_EDGES)
    labels = {t.get_text() for t in fig.axes[0].texts}
    for node in (r"$x_{ij}$", r"$\mu_j$", r"$u_{ij}$", r"$\sigma_j^2$", r"$\hat x_{ij}$", r"$y_{ij}$",
                 r"$\gamma_j$", r"$\beta_j$"):
        assert node in labels


def test_output_variance_exercise(capsys):
    check = exercises.check_bn_output_variance
    assert check(...) is False
    assert capsys.readouterr().out.startswith("Not yet: replace each ...")
    assert check(None) is False
    capsys.readouterr()
    assert check(0.8) is True
    assert capsys.readouterr().out.startswith("Right: ")
    for wrong, says in ((1.0, "without ε"), (float(np.sqrt(0.8)), "standard deviation"), (4.0, "σ²/s²"),
                        (0.2, "the part ε takes"), (0.75, "")):
        assert check(wrong) is False
        out = capsys.readouterr().out
        assert out.startswith("Not yet: ") and says in " ".join(out.split()), (wrong, out)
    assert check(0.5, var=1e-5, eps=1e-5) is True                     # another setting: var/(var+eps)
    capsys.readouterr()
    answer = check.answer()
    assert answer.expected[0] == pytest.approx(0.8, rel=1e-12) and answer.checker == "check_bn_output_variance"
    assert answer.judge(0.8009) == (True, answer.right) and answer.judge(0.802)[0] is False
    with pytest.raises(TypeError, match="check_bn_output_variance: argument 'answer'"):
        check("0.8")
