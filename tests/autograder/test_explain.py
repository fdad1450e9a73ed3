"""The explainer states only what holds on every case, and names factors from the facts."""
import numpy as np
import pytest

from autograder import explain
from autograder.compare import StudentMistake, check_array, check_number, explained
from autograder.explain import Fact, Probe, Term

RNG = np.random.default_rng(17)


def failure_of(check):
    with pytest.raises(StudentMistake) as info:
        explained(check)()
    return info.value


def test_a_factor_is_named_from_the_facts_of_every_case():
    def check():
        for m, K in ((7, 3), (6, 5), (5, 7)):  # K = 2 would be the catalogued "halved"
            expected = RNG.standard_normal((K, 4))
            check_array(expected / K, expected, "dW2", m=m, facts=(Fact("K", K, "the classes"),))
    err = failure_of(check)
    assert err.named and "it is 1/K times the correct value" in err.explanation
    assert err.mistake is None


def test_a_factor_that_differs_between_cases_is_not_stated():
    def check():
        for factor in (0.37, 0.81):
            expected = RNG.standard_normal((3, 4))
            check_array(factor * expected, expected, "dW2")
    err = failure_of(check)
    assert "times" not in err.explanation
    assert "the largest difference is" in str(err)


def test_a_factor_on_one_term_and_the_cases_where_the_term_vanishes():
    def check():
        for lambd in (0.0, 0.7, 0.3):
            data, W = RNG.standard_normal((3, 4)), RNG.standard_normal((3, 4))
            reg = lambd / 5 * W
            check_array(data + reg / 2, data + reg, "dW1", m=5, facts=(Fact("λ", lambd),),
                        terms=(Term("the regularization term (λ/m)·W", reg),
                               Term("the data term", data)))
    err = failure_of(check)
    assert "the regularization term (λ/m)·W is ½ times the right one" in err.explanation
    assert "with λ = 0 your dW1 is right" in err.explanation


def test_a_what_if_must_match_every_answer_of_every_case():
    def check(stop_matching):
        for case in range(3):
            expected = RNG.standard_normal(5)
            wrong = 2 * expected + 1
            value = wrong if case < 2 or not stop_matching else wrong + 0.5
            check_array(value, expected, "out", what_ifs=[("δ is doubled", wrong)])
    assert "δ is doubled" in failure_of(lambda: check(False)).explanation
    assert "δ is doubled" not in failure_of(lambda: check(True)).explanation


def test_right_and_wrong_answers_and_layers_are_told_apart():
    def check():
        for key, layer in (("dW2", 0), ("db2", 0), ("dW1", 1), ("db1", 1)):
            expected = RNG.standard_normal((2, 2))
            check_array(expected if layer == 0 else expected + 1.3 * RNG.random((2, 2)),
                        expected, key, layer=layer)
    err = failure_of(check)
    assert err.explanation.startswith("The gradients of the output layer are right")
    assert str(err).startswith("dW1 is wrong")  # the first wrong value's usual message


def test_a_probe_finds_a_broken_symmetry():
    def penalty(w):
        return float(np.sum(w) ** 2)

    def check():
        w = RNG.standard_normal(6)
        probe = Probe(lambda args: (penalty(args[0]), float(np.sum(args[0] ** 2))), (w,),
                      (("the sign of a weight flips", lambda a: (a[0] * [-1, 1, 1, 1, 1, 1],)),))
        check_number(penalty(w), float(np.sum(w ** 2)), "penalty", probe=probe)
    err = failure_of(check)
    assert err.named
    assert err.explanation == ("When the sign of a weight flips, your penalty changes; the "
                               "right value does not.")


def test_a_catalogued_mistake_keeps_its_message_and_right_answers_pass():
    expected = RNG.standard_normal((3, 4))

    def check(value):
        check_array(value, expected, "dW2", m=7)

    with pytest.raises(StudentMistake, match=r"times m = 7.*\[times_m\]$"):
        explained(check)(7 * expected)
    explained(check)(expected.copy())
    assert explain.current() is None  # the session is closed after the check


def test_outside_an_explained_check_the_first_wrong_value_fails_at_once():
    expected = RNG.standard_normal(3)
    with pytest.raises(StudentMistake) as info:
        check_array(expected + [0.0, 1.0, 0.0], expected, "db")
    assert info.value.explanation == ""


@pytest.mark.parametrize("ratio,text", [(1.41, "√2"), (0.71, "1/√2"), (0.5, "½"), (1.2, None)])
def test_rough_factors_for_statistical_checks(ratio, text):
    assert explain.rough_factor(ratio) == text


def test_a_kernel_lost_mid_check_passes_through_and_closes_the_session():
    class Lost(BaseException):
        pass

    def check():
        expected = RNG.standard_normal(3)
        check_array(expected + 1.0, expected, "db")
        raise Lost()

    with pytest.raises(Lost):
        explained(check)()
    assert explain.current() is None



def _raising_probe(error, args):
    def answer(_):
        raise error
    return Probe(answer, args, (("the signs flip", lambda a: (-a[0],)),))


def test_a_hostile_answer_still_fails_with_its_usual_message():
    """What the kernel sends back is the student's to choose: a NaN, values with no
    common factor, probe calls that raise. None of it may turn the failure into a pass
    or hide the usual message."""
    def check(first):
        for value in (first, 1e308, -3.0):
            w = RNG.standard_normal(4)
            check_number(value, float(np.sum(w ** 2)), "penalty",
                         probe=_raising_probe(RuntimeError("raised in a probe"), (w,)))
    assert "NaN" in str(failure_of(lambda: check(np.nan)))
    err = failure_of(lambda: check(7.0))
    assert str(err).startswith("penalty is wrong: you return 7 and the correct value is")
    assert not err.named


def test_a_kernel_lost_during_a_probe_is_not_swallowed():
    from autograder.remote import KernelLost

    def check():
        w = RNG.standard_normal(6)
        check_number(float(np.sum(w) ** 2), float(np.sum(w ** 2)), "penalty",
                     probe=_raising_probe(KernelLost("the kernel stopped answering"), (w,)))
    with pytest.raises(KernelLost):
        explained(check)()
