"""분류 연습용 합성 데이터: 반달(moons), 덩어리(blobs), 나선(spiral), 무작위 데이터입니다.

모든 함수는 (X, y)를 파이썬 리스트로 돌려줍니다. X는 행(샘플)마다 float 리스트, y는 int
레이블입니다. 난수는 `random.Random(random_state)` 하나에서만 뽑습니다. 그래서 같은
random_state는 같은 데이터를 만들지만, numpy 난수를 쓰는 scikit-learn과 숫자는 다릅니다.
"""

from __future__ import annotations

import math
import numbers
import random

from micrograd_ko.datasets._checks import as_rows, check_count, check_nonnegative, check_random_state

__all__ = ["make_moons", "make_blobs", "make_spiral", "make_random"]


def make_moons(n_samples: int = 100, noise: float = 0.0, random_state=None) -> tuple[list, list]:
    """서로 맞물린 반달 두 개를 만듭니다. 직선 하나로는 나눌 수 없는 이진 분류 문제입니다.

    레이블 0인 n_samples // 2개는 원점이 중심인 반지름 1의 위쪽 반원 위에 있습니다.
    레이블 1인 나머지는 중심이 (1, 0.5)인 아래쪽 반원 위에 있습니다. 순서는 섞습니다.

    Args:
        n_samples: 전체 샘플 수입니다 (1 이상).
        noise: 두 좌표에 더하는 가우스 잡음의 표준편차입니다 (0 이상).
        random_state: 난수 시드 (None, 정수 또는 `random.Random`).

    Returns:
        (X, y): X는 [x, y] 좌표 n_samples개, y는 0 또는 1인 레이블입니다.

    Raises:
        TypeError, ValueError: 인자의 자료형이나 범위가 틀렸을 때.

    Example:
        >>> X, y = make_moons(100, noise=0.1, random_state=0)
        >>> len(X), len(X[0]), sorted(set(y))
        (100, 2, [0, 1])
    """
    n_samples = check_count(n_samples, "n_samples")
    noise = check_nonnegative(noise, "noise")
    rng = check_random_state(random_state)

    n_outer = n_samples // 2
    X = [[math.cos(t), math.sin(t)] for t in _linspace(0.0, math.pi, n_outer)]
    X += [[1.0 - math.cos(t), 0.5 - math.sin(t)] for t in _linspace(0.0, math.pi, n_samples - n_outer)]
    y = [0] * n_outer + [1] * (n_samples - n_outer)
    if noise > 0:
        X = [[x + _gauss(rng, noise, "noise") for x in row] for row in X]
    return _shuffled(X, y, rng)


def make_blobs(n_samples: int = 100, centers=3, n_features: int = 2, cluster_std=1.0,
               random_state=None) -> tuple[list, list]:
    """중심 주위에 가우스 분포로 흩어진 점 덩어리를 만듭니다. 레이블은 중심의 번호입니다.

    샘플은 중심마다 n_samples // k개씩 나누고, 남는 샘플은 앞의 중심부터 하나씩 더 받습니다.

    Args:
        n_samples: 전체 샘플 수입니다 (1 이상).
        centers: 중심의 개수(정수)이면 각 좌표를 [-10, 10)에서 고르게 뽑습니다.
            좌표 목록이면 그 점들을 중심으로 쓰고, 특성 수는 그 좌표의 길이를 따릅니다.
        n_features: 특성(좌표) 수입니다. centers가 좌표 목록이면 쓰지 않습니다.
        cluster_std: 덩어리의 표준편차입니다. 숫자 하나이거나 중심마다 하나씩인 목록입니다.
        random_state: 난수 시드 (None, 정수 또는 `random.Random`).

    Returns:
        (X, y): X는 샘플 n_samples개, y는 0부터 k − 1까지의 중심 번호입니다.

    Raises:
        TypeError, ValueError: 인자의 자료형이나 범위가 틀렸을 때.

    Example:
        >>> X, y = make_blobs(90, centers=3, random_state=0)
        >>> [y.count(k) for k in range(3)]
        [30, 30, 30]
    """
    n_samples = check_count(n_samples, "n_samples")
    rng = check_random_state(random_state)
    if isinstance(centers, numbers.Integral) and not isinstance(centers, bool):
        k = check_count(centers, "centers")
        dims = check_count(n_features, "n_features")
        points = [[rng.uniform(-10.0, 10.0) for _ in range(dims)] for _ in range(k)]
    else:
        points = as_rows(centers, "centers", ndim=2)
    stds = _cluster_stds(cluster_std, len(points))

    X, y = [], []
    for label, (center, count) in enumerate(zip(points, _split_counts(n_samples, len(points)))):
        X += [[c + _gauss(rng, stds[label], "cluster_std") for c in center] for _ in range(count)]
        y += [label] * count
    return _shuffled(X, y, rng)


def make_spiral(n_samples: int = 100, n_classes: int = 3, noise: float = 0.2,
                random_state=None) -> tuple[list, list]:
    """원점에서 바깥으로 도는 나선 팔을 클래스마다 하나씩 만듭니다 (다중 분류 연습용).

    클래스 j의 i번째 점은 반지름 r = (i + 1)/m (m은 그 클래스의 샘플 수),
    각도 θ = 2πj/n_classes + 4r + 잡음이고, 좌표는 (r·cos θ, r·sin θ)입니다.
    잡음은 각도(라디안)에만 더하는 가우스 잡음이므로 모든 점은 단위 원 안에 있습니다.

    Args:
        n_samples: 전체 샘플 수입니다. 클래스마다 거의 같게 나눕니다.
        n_classes: 클래스(나선 팔) 수입니다 (1 이상).
        noise: 각도 잡음의 표준편차(라디안)입니다 (0 이상).
        random_state: 난수 시드 (None, 정수 또는 `random.Random`).

    Returns:
        (X, y): X는 [x, y] 좌표, y는 0부터 n_classes − 1까지의 레이블입니다.

    Raises:
        TypeError, ValueError: 인자의 자료형이나 범위가 틀렸을 때.

    Example:
        >>> X, y = make_spiral(300, n_classes=3, random_state=0)
        >>> len(X), sorted(set(y))
        (300, [0, 1, 2])
    """
    n_samples = check_count(n_samples, "n_samples")
    n_classes = check_count(n_classes, "n_classes")
    noise = check_nonnegative(noise, "noise")
    rng = check_random_state(random_state)

    X, y = [], []
    for label, count in enumerate(_split_counts(n_samples, n_classes)):
        for i in range(count):
            r = (i + 1) / count
            theta = 2.0 * math.pi * label / n_classes + 4.0 * r + _gauss(rng, noise, "noise")
            X.append([r * math.cos(theta), r * math.sin(theta)])
            y.append(label)
    return _shuffled(X, y, rng)


def make_random(n_samples: int = 100, n_features: int = 10, random_state=None) -> tuple[list, list]:
    """강의의 무작위 예제 데이터를 같은 분포로 만듭니다.

    강의의 `np.random.rand(100, 10)`과 `np.random.randint(0, 2, 100)`처럼 특성은 [0, 1)의
    균등 분포, 레이블은 {0, 1}의 균등 분포입니다. 분포만 같고 숫자는 numpy와 다릅니다.
    특성과 레이블이 서로 관계가 없으므로 모델은 우연 수준(약 50%)보다 잘 맞힐 수 없습니다.

    Args:
        n_samples: 샘플 수입니다 (1 이상).
        n_features: 특성 수입니다 (1 이상).
        random_state: 난수 시드 (None, 정수 또는 `random.Random`).

    Returns:
        (X, y): X는 n_samples × n_features의 float, y는 0 또는 1인 레이블입니다.

    Raises:
        TypeError, ValueError: 인자의 자료형이나 범위가 틀렸을 때.

    Example:
        >>> X, y = make_random(100, 10, random_state=42)
        >>> len(X), len(X[0]), set(y) <= {0, 1}
        (100, 10, True)
    """
    n_samples = check_count(n_samples, "n_samples")
    n_features = check_count(n_features, "n_features")
    rng = check_random_state(random_state)

    # numpy 예제처럼 X를 모두 뽑은 뒤에 y를 뽑습니다.
    X = [[rng.random() for _ in range(n_features)] for _ in range(n_samples)]
    y = [rng.randrange(2) for _ in range(n_samples)]
    return X, y


# ---------------------------------------------------------------- 도우미


def _gauss(rng: random.Random, sigma: float, name: str) -> float:
    value = rng.gauss(0.0, sigma)
    if not math.isfinite(value):  # 예: sigma = 1e308이면 잡음이 float 범위를 넘을 수 있습니다.
        raise OverflowError(f"잡음이 float 범위를 넘습니다. {name}: {sigma!r}. {name}를 줄이세요 (보통 1 이하).")
    return value


def _linspace(start: float, stop: float, count: int) -> list[float]:
    """numpy.linspace처럼 양 끝을 포함해 count개의 점을 고르게 놓습니다."""
    if count == 1:
        return [start]
    step = (stop - start) / (count - 1)
    return [start + i * step for i in range(count - 1)] + [stop]


def _split_counts(n_samples: int, parts: int) -> list[int]:
    base, extra = divmod(n_samples, parts)
    return [base + 1 if i < extra else base for i in range(parts)]


def _cluster_stds(cluster_std, k: int) -> list[float]:
    if isinstance(cluster_std, (list, tuple)) or hasattr(cluster_std, "shape"):
        stds = as_rows(cluster_std, "cluster_std", ndim=1)
        if len(stds) != k:
            raise ValueError(
                f"cluster_std 목록의 길이가 중심 수와 다릅니다. cluster_std 길이: {len(stds)}, 중심 수: {k}. "
                "중심마다 표준편차를 하나씩 넣거나 숫자 하나를 넣으세요."
            )
        return [check_nonnegative(s, f"cluster_std[{i}]") for i, s in enumerate(stds)]
    return [check_nonnegative(cluster_std, "cluster_std")] * k


def _shuffled(X: list, y: list, rng: random.Random) -> tuple[list, list]:
    order = list(range(len(X)))
    rng.shuffle(order)
    return [X[i] for i in order], [y[i] for i in order]

