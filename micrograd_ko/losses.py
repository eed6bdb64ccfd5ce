"""손실 함수(loss function): 예측이 정답에서 얼마나 먼지를 `Value` 하나로 계산합니다.

어떤 손실을 쓸지는 문제의 종류로 정합니다.
- 회귀: 평균 제곱 오차 `mse`
- 이진 분류: 이진 크로스엔트로피 `binary_crossentropy`
- 다중 분류: 범주형 크로스엔트로피 `categorical_crossentropy` (정답이 원-핫 벡터일 때),
  `sparse_categorical_crossentropy` (정답이 정수 클래스 번호일 때)

모든 손실은 샘플 하나나 배치(샘플의 목록)를 받아 샘플별 손실의 평균을 돌려줍니다.
예측(y_pred)은 Value나 숫자이고, 정답(y_true)은 숫자입니다. 정답에 Value를 넣으면 그 .data만
상수로 씁니다. 손실의 기울기는 engine.py에 선언된 연산의 국소 미분으로만 계산됩니다.
"""

from __future__ import annotations

import math
import numbers
import warnings
from typing import Callable

from micrograd_ko.engine import Value, _to_float

__all__ = ["mse", "binary_crossentropy", "categorical_crossentropy", "sparse_categorical_crossentropy",
           "hinge", "softmax", "log_softmax", "get", "EPSILON"]

EPSILON = 1e-7  # 확률을 [ε, 1 − ε]로 잘라 log(0)을 피합니다. Keras의 backend.epsilon()과 같은 값입니다.


# ---------------------------------------------------------------- 모양 검사


def _is_scalar(x) -> bool:
    return isinstance(x, (Value, numbers.Number))


def _is_list(x) -> bool:
    # 0차원 numpy 배열은 __len__이 있어도 len()이 실패하므로 목록으로 보지 않습니다.
    return not isinstance(x, str) and hasattr(x, "__len__") and getattr(x, "ndim", 1) != 0


def _rows(y, arg_name: str) -> list[list]:
    """스칼라는 [[y]], 스칼라의 목록은 샘플마다 한 줄, 목록의 목록은 그대로 줄로 봅니다."""
    if _is_scalar(y):
        return [[y]]
    if not _is_list(y):
        raise TypeError(f"{arg_name}는 숫자, Value 또는 그 목록이어야 합니다. 받은 값: {y!r} (자료형 {type(y).__name__}).")
    if len(y) == 0:
        raise ValueError(f"{arg_name}가 빈 배치입니다. 받은 값: {y!r}. 샘플을 하나 이상 넣으세요.")
    if all(_is_scalar(e) for e in y):
        return [[e] for e in y]
    for i, e in enumerate(y):
        if not (_is_scalar(e) or _is_list(e)):
            raise TypeError(
                f"{arg_name}의 원소는 숫자, Value 또는 목록이어야 합니다. "
                f"{arg_name}[{i}]의 값: {e!r} (자료형 {type(e).__name__}).")
    rows = [_vector(r, f"{arg_name}[{i}]") for i, r in enumerate(y)]
    width = len(rows[0])
    for i, row in enumerate(rows):
        if len(row) != width:
            raise ValueError(
                f"{arg_name}의 샘플마다 길이가 같아야 합니다. {arg_name}[0]: {width}개, {arg_name}[{i}]: {len(row)}개. "
                "모든 샘플의 출력 개수를 맞추세요.")
    return rows


def _vector(y, arg_name: str) -> list:
    """비어 있지 않은 스칼라 목록 하나를 돌려줍니다."""
    if _is_scalar(y) or not _is_list(y):
        raise TypeError(f"{arg_name}는 숫자나 Value의 목록이어야 합니다. 받은 값: {y!r} (자료형 {type(y).__name__}).")
    if len(y) == 0:
        raise ValueError(f"{arg_name}가 비어 있습니다. 원소를 하나 이상 넣으세요.")
    for i, e in enumerate(y):
        if not _is_scalar(e):
            hint = "목록은 두 겹(배치 × 출력)까지만 쓰세요." if _is_list(e) else "숫자를 넣으세요."
            raise TypeError(f"{arg_name}의 원소는 숫자나 Value여야 합니다. {arg_name}[{i}]의 값: {e!r}. {hint}")
    return list(y)


def _batch(y, arg_name: str) -> list[list]:
    """벡터 하나는 샘플 하나로, 벡터의 목록은 배치로 봅니다 (범주형 손실용)."""
    if _is_scalar(y) or not _is_list(y) or len(y) == 0:
        return [_vector(y, arg_name)]
    if all(_is_scalar(e) for e in y):
        return [list(y)]
    return _rows(y, arg_name)


def _match(pred_rows: list, true_rows: list) -> None:
    if len(pred_rows) != len(true_rows):
        raise ValueError(
            f"예측과 정답의 샘플 수가 다릅니다. y_pred: {len(pred_rows)}개, y_true: {len(true_rows)}개. 두 배치의 길이를 맞추세요."
        )
    if len(pred_rows[0]) != len(true_rows[0]):
        raise ValueError(
            f"샘플 하나의 출력 개수가 다릅니다. y_pred: {len(pred_rows[0])}개, y_true: {len(true_rows[0])}개. "
            "모델의 출력 수와 정답의 길이를 맞추세요."
        )


def _pred(p, where: str) -> Value:
    return p if isinstance(p, Value) else Value(_to_float(p, where))


def _target(t, where: str) -> float:
    return t.data if isinstance(t, Value) else _to_float(t, where)


def _pairs(y_pred, y_true) -> list[tuple[Value, float]]:
    """원소별 손실(mse, 이진 크로스엔트로피, hinge)을 위해 (예측, 정답) 쌍을 만듭니다."""
    pred_rows, true_rows = _rows(y_pred, "y_pred"), _rows(y_true, "y_true")
    _match(pred_rows, true_rows)
    return [
        (_pred(p, f"y_pred[{i}][{k}]"), _target(t, f"y_true[{i}][{k}]"))
        for i, (pr, tr) in enumerate(zip(pred_rows, true_rows))
        for k, (p, t) in enumerate(zip(pr, tr))
    ]


def _mean(terms: list[Value], count: int) -> Value:
    return terms[0] if len(terms) == 1 and count == 1 else Value.sum(terms) / count


def _check_from_logits(from_logits) -> None:
    if not isinstance(from_logits, bool):
        raise TypeError(
            f"from_logits는 True나 False여야 합니다. 받은 값: {from_logits!r}. y_pred가 로짓이면 from_logits=True를 쓰세요.")


def _warn_if_not_probability(preds: list[Value], name: str, stacklevel: int = 3) -> None:
    bad = next((p.data for p in preds if not 0.0 <= p.data <= 1.0), None)
    if bad is not None:
        warnings.warn(
            f"{name}의 y_pred에 확률이 아닌 값이 있습니다. 받은 값: {bad!r}. 모델의 출력이 로짓(활성화 전의 값)이라면 "
            "from_logits=True를 넘기세요.", RuntimeWarning, stacklevel=stacklevel)


# ---------------------------------------------------------------- 회귀, 이진 분류


def mse(y_pred, y_true) -> Value:
    """평균 제곱 오차(MSE)를 계산합니다: L = (1/N) × Σ (ŷ − y)². 회귀 문제에 씁니다.

    Args:
        y_pred: 예측. 숫자/Value 하나, 그 목록(배치), 또는 목록의 목록(출력이 여럿인 배치).
        y_true: 정답. y_pred와 같은 모양의 숫자.

    Returns:
        모든 원소의 제곱 오차 평균인 Value 하나. ∂L/∂ŷᵢ = 2 × (ŷᵢ − yᵢ) / N입니다.

    Raises:
        TypeError: 숫자가 아닌 값이 있을 때. ValueError: 배치가 비었거나 모양이 다를 때.

    Example:
        >>> mse([Value(2.0), Value(0.0)], [1.0, 0.0]).data
        0.5
    """
    pairs = _pairs(y_pred, y_true)
    return _mean([(p - t) ** 2 for p, t in pairs], len(pairs))


def binary_crossentropy(y_pred, y_true, from_logits: bool = False) -> Value:
    """이진 크로스엔트로피를 계산합니다. 이진 분류(정답이 0 또는 1)에 씁니다.

    확률 p를 받으면(from_logits=False): L = −[y × log p + (1 − y) × log(1 − p)].
    Keras처럼 p를 먼저 [1e-7, 1 − 1e-7]로 잘라서(clip) log(0)을 피합니다.
    로짓 z를 받으면(from_logits=True) 시그모이드를 따로 거치지 않는 안정된 식을 씁니다:
    L = max(z, 0) − z × y + log(1 + exp(−|z|)). exp에 0 이하의 수만 들어가므로 z = ±1000에서도
    넘치지 않고, 기울기는 ∂L/∂z = σ(z) − y입니다.

    Args:
        y_pred: 확률(출력층이 sigmoid일 때) 또는 로짓(from_logits=True). 하나 또는 배치.
        y_true: 정답 0 또는 1. y_pred와 같은 모양.
        from_logits: y_pred가 시그모이드를 거치기 전의 값이면 True.

    Returns:
        샘플별 손실의 평균인 Value 하나.

    Raises:
        ValueError: 정답이 0이나 1이 아니거나 모양이 다를 때. TypeError: 숫자가 아닌 값이 있을 때.

    Example:
        >>> round(binary_crossentropy(Value(0.0), 1.0, from_logits=True).data, 4)
        0.6931
    """
    _check_from_logits(from_logits)
    pairs = _pairs(y_pred, y_true)
    for i, (_, t) in enumerate(pairs):
        if t not in (0.0, 1.0):
            raise ValueError(f"이진 크로스엔트로피의 정답은 0 또는 1이어야 합니다. 받은 값: {t!r} (원소 {i}). "
                             "정답을 0과 1로 바꾸세요.")
    if not from_logits:
        _warn_if_not_probability([p for p, _ in pairs], "binary_crossentropy")
    term = _bce_logit if from_logits else _bce_probability
    return _mean([term(p, t) for p, t in pairs], len(pairs))


def _bce_probability(p: Value, t: float) -> Value:
    clipped = p.clip(EPSILON, 1.0 - EPSILON)
    # y가 0 또는 1이므로 두 항 중 하나만 남습니다. 나머지 항은 값과 기울기가 모두 0입니다.
    return -clipped.log() if t == 1.0 else -(1.0 - clipped).log()


def _bce_logit(z: Value, t: float) -> Value:
    # z ≥ 0: max(z, 0) − z·y = z·(1 − y). z < 0: max(z, 0) − z·y = −z·y.
    # NOTE: 엔진에 log1p가 없어서 log(1 + e) 꼴로 씁니다. e = exp(−|z|)가 약 1.1e-16보다 작으면
    # 1 + e가 1로 반올림되어 이 항이 0이 됩니다. 손실 값의 오차는 e 이하이고 기울기는 정확합니다.
    if z.data >= 0:
        return (1.0 + (-z).exp()).log() + z * (1.0 - t)
    return (1.0 + z.exp()).log() - z * t


def hinge(y_pred, y_true) -> Value:
    """힌지 손실(최대 마진 손실)을 계산합니다: L = (1/N) × Σ max(0, 1 − y × s).

    정답 y는 −1 또는 +1이고 s는 모델의 점수(로짓)입니다. y × s가 1 이상이면 손실이 0입니다.
    SVM과 micrograd의 두 달 데이터 예제가 쓰는 손실입니다. Keras처럼 0과 1로 된 정답은
    0을 −1로 바꿔서 씁니다.

    Raises:
        ValueError: 정답이 −1, 0, 1이 아니거나 0과 −1이 섞였을 때, 또는 모양이 다를 때.

    Example:
        >>> hinge([Value(0.5), Value(2.0)], [1.0, 1.0]).data
        0.25
    """
    pairs = _pairs(y_pred, y_true)
    labels = {t for _, t in pairs}
    if not labels <= {-1.0, 0.0, 1.0} or {-1.0, 0.0} <= labels:
        raise ValueError(f"힌지 손실의 정답은 −1과 +1 (또는 0과 1)이어야 합니다. 받은 값: {sorted(labels)!r}. "
                         "정답을 −1과 +1로 바꾸세요.")
    return _mean([(1.0 - p * (t or -1.0)).relu() for p, t in pairs], len(pairs))


# ---------------------------------------------------------------- 다중 분류


def softmax(logits) -> list[Value]:
    """소프트맥스를 계산합니다: pᵢ = exp(zᵢ − m) / Σⱼ exp(zⱼ − m), m = max(z).

    m을 빼도 값은 같지만 exp의 입력이 0 이하가 되어 z = 1000에서도 넘치지 않습니다.
    m은 상수(float)로 빼므로 기울기도 그대로입니다.

    Args:
        logits: 숫자나 Value의 목록 하나 (샘플 하나의 로짓).

    Returns:
        합이 1인 확률의 목록 (Value).

    Example:
        >>> [round(p.data, 4) for p in softmax([1.0, 1.0])]
        [0.5, 0.5]
    """
    zs = [_pred(z, f"logits[{i}]") for i, z in enumerate(_vector(logits, "logits"))]
    m = max(z.data for z in zs)
    exps = [(z - m).exp() for z in zs]
    total = Value.sum(exps)
    return [e / total for e in exps]


def log_softmax(logits) -> list[Value]:
    """로그 소프트맥스를 계산합니다: log pᵢ = (zᵢ − m) − log Σⱼ exp(zⱼ − m), m = max(z).

    log(softmax(z))보다 안정적입니다 (log-sum-exp 방법). Σ 안에 exp(0) = 1이 있으므로 log의
    입력은 언제나 1 이상입니다.

    Example:
        >>> [round(p.data, 4) for p in log_softmax([0.0, 0.0])]
        [-0.6931, -0.6931]
    """
    zs = [_pred(z, f"logits[{i}]") for i, z in enumerate(_vector(logits, "logits"))]
    m = max(z.data for z in zs)
    shifted = [z - m for z in zs]
    log_total = Value.sum([s.exp() for s in shifted]).log()
    return [s - log_total for s in shifted]


def _log_probs(row: list, from_logits: bool) -> list[Value]:
    if from_logits:
        return log_softmax(row)
    return [p.clip(EPSILON, 1.0 - EPSILON).log() for p in row]


def categorical_crossentropy(y_pred, y_true, from_logits: bool = False) -> Value:
    """범주형 크로스엔트로피를 계산합니다: L = −(1/N) × Σ_샘플 Σₖ yₖ × log pₖ. 다중 분류에 씁니다.

    정답 y는 원-핫 벡터(예: [0, 0, 1])입니다. from_logits=False면 y_pred는 확률이고 Keras처럼
    [1e-7, 1 − 1e-7]로 자릅니다. from_logits=True면 `log_softmax`로 log p를 구합니다.
    이때 ∂L/∂zₖ = (pₖ − yₖ) / N입니다.

    Args:
        y_pred: 샘플 하나의 확률(또는 로짓) 벡터, 또는 그 벡터들의 배치.
        y_true: 같은 모양의 원-핫 정답. 정수 클래스 번호라면 `sparse_categorical_crossentropy`를 쓰세요.

    Raises:
        ValueError: 정답의 원소가 0~1 밖이거나 합이 1이 아닐 때, 또는 모양이 다를 때.

    Example:
        >>> round(categorical_crossentropy([0.0, 0.0], [1, 0], from_logits=True).data, 4)
        0.6931
    """
    # NOTE: Keras는 확률을 받으면 먼저 합이 1이 되게 나눕니다. 여기서는 나누지 않으므로,
    # 합이 1이 아닌 y_pred에서는 Keras와 값이 다릅니다. 소프트맥스 출력이면 같습니다.
    _check_from_logits(from_logits)
    pred_rows = _pred_rows(y_pred, from_logits, "categorical_crossentropy")
    true_rows = _one_hot_rows(_batch(y_true, "y_true"))
    _match(pred_rows, true_rows)
    terms = []
    for pr, tr in zip(pred_rows, true_rows):
        terms += [lp * t for lp, t in zip(_log_probs(pr, from_logits), tr) if t != 0.0]
    return -Value.sum(terms) / len(pred_rows)


def _pred_rows(y_pred, from_logits: bool, name: str) -> list[list[Value]]:
    rows = [[_pred(p, f"y_pred[{i}][{k}]") for k, p in enumerate(r)] for i, r in enumerate(_batch(y_pred, "y_pred"))]
    if not from_logits:
        _warn_if_not_probability([p for row in rows for p in row], name, stacklevel=4)
    return rows


def _one_hot_rows(rows: list[list]) -> list[list[float]]:
    out = []
    for i, row in enumerate(rows):
        targets = [_target(t, f"y_true[{i}][{k}]") for k, t in enumerate(row)]
        if any(not 0.0 <= t <= 1.0 for t in targets) or not math.isclose(sum(targets), 1.0, abs_tol=1e-6):
            raise ValueError(
                f"범주형 크로스엔트로피의 정답은 원-핫 벡터여야 합니다. 받은 값: y_true[{i}] = {row!r}. "
                "정수 클래스 번호라면 sparse_categorical_crossentropy를 쓰세요.")
        out.append(targets)
    return out


def sparse_categorical_crossentropy(y_pred, y_true, from_logits: bool = False) -> Value:
    """정답이 정수 클래스 번호인 범주형 크로스엔트로피입니다: L = −(1/N) × Σ_샘플 log p[정답].

    `categorical_crossentropy`에 원-핫 정답을 넣은 것과 값이 같습니다. 클래스가 많을 때 원-핫
    벡터를 만들 필요가 없어서 편합니다.

    Args:
        y_pred: 샘플 하나의 확률(또는 로짓) 벡터, 또는 그 벡터들의 배치.
        y_true: 클래스 번호 하나(샘플 하나) 또는 번호의 목록(배치). 0 ≤ 번호 < 클래스 수.

    Raises:
        ValueError: 번호가 범위 밖이거나 정수가 아닐 때, 또는 샘플 수가 다를 때.

    Example:
        >>> round(sparse_categorical_crossentropy([0.0, 0.0], 1, from_logits=True).data, 4)
        0.6931
    """
    _check_from_logits(from_logits)
    pred_rows = _pred_rows(y_pred, from_logits, "sparse_categorical_crossentropy")
    labels = [y_true] if _is_scalar(y_true) else _vector(y_true, "y_true")
    if len(pred_rows) != len(labels):
        raise ValueError(
            f"예측과 정답의 샘플 수가 다릅니다. y_pred: {len(pred_rows)}개, y_true: {len(labels)}개. 두 배치의 길이를 맞추세요."
        )
    terms = []
    for i, (row, label) in enumerate(zip(pred_rows, labels)):
        k = _target(label, f"y_true[{i}]")
        if k != int(k) or not 0 <= k < len(row):
            raise ValueError(
                f"클래스 번호가 범위를 벗어났거나 정수가 아닙니다. 받은 값: y_true[{i}] = {label!r}. "
                f"0 이상 {len(row) - 1} 이하의 정수를 쓰세요 (클래스 수: {len(row)}개).")
        terms.append(_log_probs(row, from_logits)[int(k)])
    return -Value.sum(terms) / len(pred_rows)


# ---------------------------------------------------------------- 이름으로 찾기

_BY_NAME: dict[str, Callable[..., Value]] = {
    "mse": mse,
    "mean_squared_error": mse,
    "binary_crossentropy": binary_crossentropy,
    "categorical_crossentropy": categorical_crossentropy,
    "sparse_categorical_crossentropy": sparse_categorical_crossentropy,
    "hinge": hinge,
}


def get(name) -> Callable[..., Value]:
    """Keras의 이름(예: "binary_crossentropy")으로 손실 함수를 찾습니다. 함수를 넣으면 그대로 돌려줍니다.

    Raises:
        ValueError: 모르는 이름일 때. TypeError: 문자열도 함수도 아닐 때.

    Example:
        >>> get("mse") is mse
        True
    """
    if callable(name):
        return name
    if not isinstance(name, str):
        raise TypeError(f"손실 함수의 이름(문자열)이나 함수가 필요합니다. 받은 값: {name!r}. 예: \"mse\"")
    key = name.strip().lower()
    if key not in _BY_NAME:
        names = ", ".join(repr(n) for n in _BY_NAME)
        raise ValueError(f"알 수 없는 손실 함수입니다. 받은 값: {name!r}. 다음 중 하나를 쓰세요: {names}")
    return _BY_NAME[key]
