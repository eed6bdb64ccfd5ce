"""패키지에 들어 있는 작은 실제 데이터 세트를 읽습니다.

- `load_breast_cancer()`: 위스콘신 유방암 진단 데이터 (569개 샘플, 특성 30개, 이진 분류)
- `load_iris()`: 붓꽃 데이터 (150개 샘플, 특성 4개, 클래스 3개)

CSV 파일은 scikit-learn에 들어 있는 사본이고, 출처와 라이선스는 같은 폴더의 README.md에
있습니다. 파일은 `importlib.resources`로 읽으므로 설치된 패키지(zip 포함)에서도 동작합니다.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from importlib import resources

__all__ = ["Dataset", "load_breast_cancer", "load_iris"]

_CELL_FEATURES = ["radius", "texture", "perimeter", "area", "smoothness", "compactness",
                  "concavity", "concave points", "symmetry", "fractal dimension"]

# scikit-learn과 같은 특성 이름입니다: 평균(mean), 표준 오차(error), 가장 나쁜 세 값의 평균(worst).
BREAST_CANCER_FEATURES = ([f"mean {f}" for f in _CELL_FEATURES] + [f"{f} error" for f in _CELL_FEATURES]
                          + [f"worst {f}" for f in _CELL_FEATURES])
IRIS_FEATURES = ["sepal length (cm)", "sepal width (cm)", "petal length (cm)", "petal width (cm)"]


@dataclass
class Dataset:
    """데이터 세트 하나입니다. scikit-learn의 Bunch처럼 속성으로 읽습니다.

    Attributes:
        name: 데이터 세트 이름 (예: "iris").
        data: 샘플마다 float 리스트 하나인 2차원 리스트입니다.
        target: 샘플마다 int 레이블 하나인 리스트입니다.
        feature_names: data의 열 이름입니다 (영어, scikit-learn과 같음).
        target_names: 레이블 번호 순서의 클래스 이름입니다 (영어, scikit-learn과 같음).
        target_names_ko: target_names의 한국어 이름입니다.
        description: 한 줄 설명과 출처입니다.
    """

    name: str
    data: list
    target: list
    feature_names: list
    target_names: list
    target_names_ko: list
    description: str

    def __repr__(self) -> str:
        # 기본 dataclass repr은 모든 행을 찍으므로 크기만 보여 줍니다.
        return (f"Dataset(name={self.name!r}, n_samples={len(self.data)}, "
                f"n_features={len(self.feature_names)}, target_names={self.target_names!r})")


def load_breast_cancer(return_X_y: bool = False):
    """위스콘신 유방암 진단 데이터(569 × 30)를 읽습니다.

    세침 흡인 검사 영상에서 잰 세포핵 특성 30개로 종양이 악성인지 양성인지 맞히는
    이진 분류 데이터입니다. 레이블은 scikit-learn과 같이 0 = 악성(malignant, 212개),
    1 = 양성(benign, 357개)입니다. 특성의 크기가 서로 많이 다르므로 학습 전에
    `StandardScaler`로 표준화하는 것이 좋습니다.

    Args:
        return_X_y: 참이면 `Dataset` 대신 (data, target) 튜플을 돌려줍니다.

    Returns:
        `Dataset` 또는 (data, target)입니다. 부를 때마다 새 리스트를 만듭니다.

    Example:
        >>> X, y = load_breast_cancer(return_X_y=True)
        >>> len(X), len(X[0]), y.count(0), y.count(1)
        (569, 30, 212, 357)
    """
    data, target = _read_csv("breast_cancer.csv", BREAST_CANCER_FEATURES, expected_rows=569)
    if _check_flag(return_X_y):
        return data, target
    return Dataset(
        name="breast_cancer", data=data, target=target,
        feature_names=list(BREAST_CANCER_FEATURES),
        target_names=["malignant", "benign"], target_names_ko=["악성", "양성"],
        description="위스콘신 유방암 진단 데이터 (Wolberg, Street, Mangasarian, 1995; UCI, CC BY 4.0).",
    )


def load_iris(return_X_y: bool = False):
    """붓꽃 데이터(150 × 4)를 읽습니다.

    꽃받침과 꽃잎의 길이와 너비(cm)로 붓꽃 세 품종을 맞히는 다중 분류 데이터입니다.
    레이블은 0 = setosa, 1 = versicolor, 2 = virginica이고 품종마다 50개입니다.

    Args:
        return_X_y: 참이면 `Dataset` 대신 (data, target) 튜플을 돌려줍니다.

    Returns:
        `Dataset` 또는 (data, target)입니다. 부를 때마다 새 리스트를 만듭니다.

    Example:
        >>> iris = load_iris()
        >>> len(iris.data), iris.target_names
        (150, ['setosa', 'versicolor', 'virginica'])
    """
    data, target = _read_csv("iris.csv", IRIS_FEATURES, expected_rows=150)
    if _check_flag(return_X_y):
        return data, target
    return Dataset(
        name="iris", data=data, target=target, feature_names=list(IRIS_FEATURES),
        target_names=["setosa", "versicolor", "virginica"], target_names_ko=["세토사", "버시컬러", "버지니카"],
        description="붓꽃 데이터 (R. A. Fisher, 1936; UCI, CC BY 4.0).",
    )


def _read_csv(filename: str, feature_names: list, expected_rows: int) -> tuple[list, list]:
    """패키지 안의 CSV(머리글 + 특성 열 + 마지막 target 열)를 읽습니다."""
    text = resources.files(__name__).joinpath(filename).read_text(encoding="utf-8")
    reader = csv.reader(io.StringIO(text))
    header = next(reader, [])
    if header != feature_names + ["target"]:
        raise ValueError(f"{filename}의 머리글이 예상과 다릅니다. 받은 머리글: {header!r}. 패키지를 다시 설치하세요.")

    data, target = [], []
    for row in reader:
        data.append([float(cell) for cell in row[:-1]])
        target.append(int(row[-1]))
    if len(data) != expected_rows:
        raise ValueError(f"{filename}의 행 수가 예상과 다릅니다. 받은 행 수: {len(data)}, 예상: {expected_rows}. 패키지를 다시 설치하세요.")
    return data, target


def _check_flag(return_X_y) -> bool:
    # numpy 배열처럼 참거짓이 애매한 값이 깊은 곳에서 영어 오류를 내지 않게 먼저 확인합니다.
    if not isinstance(return_X_y, bool):
        raise TypeError(f"return_X_y는 True나 False여야 합니다. 받은 값: {return_X_y!r}. 예: load_iris(return_X_y=True)")
    return return_X_y
