"""파일을 원자적으로 저장합니다: 임시 파일에 다 쓴 뒤 이름을 바꿉니다.

그림(viz), HTML 뷰어(viewer), 단계 실행기의 그림 명령(stepper), 매개변수 저장(serialize)이
모두 이 모듈로 씁니다. 쓰는 도중에 오류가 나거나 전원이 꺼져도 예전 파일은 그대로 남고,
반쯤 쓴 파일이나 임시 파일이 남지 않습니다.
"""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path

__all__ = ["check_output_path", "write_atomic"]

_WRITE_REASONS = {
    errno.EACCES: "이 경로에 쓸 권한이 없습니다",
    errno.EPERM: "이 경로에 쓸 권한이 없습니다",
    errno.EROFS: "읽기 전용 파일 시스템입니다",
    errno.ENOSPC: "디스크 공간이 부족합니다",
    errno.ENOENT: "이 폴더에는 파일을 만들 수 없습니다",
}


def check_output_path(path: Path) -> None:
    """저장할 경로가 폴더가 아니고, 그 경로의 폴더가 있는지 확인합니다.

    Raises:
        IsADirectoryError: path가 폴더일 때.
        FileNotFoundError: path의 폴더가 없을 때.
    """
    if path.is_dir():
        raise IsADirectoryError(f"저장할 경로가 폴더입니다. 받은 경로: {str(path)!r}. 폴더 안의 파일 이름까지 넣으세요.")
    if not path.parent.is_dir():
        raise FileNotFoundError(f"저장할 폴더가 없습니다. 받은 경로: {str(path)!r}. 폴더를 먼저 만드세요.")


def write_atomic(path: Path, data: bytes) -> None:
    """`data`를 `path`에 원자적으로 씁니다. 예전 파일이 있으면 그 권한을 이어받습니다.

    Raises:
        IsADirectoryError, FileNotFoundError: `check_output_path`와 같습니다.
        OSError: 쓰지 못했을 때. 같은 자료형으로, 경로와 까닭을 적은 한국어 메시지를 냅니다.
    """
    check_output_path(path)
    try:
        _replace_with(path, data)
    except OSError as error:
        reason = _WRITE_REASONS.get(error.errno, f"운영 체제 오류 {errno.errorcode.get(error.errno, error.errno)}")
        raise type(error)(f"파일을 저장하지 못했습니다. 받은 경로: {str(path)!r}. 까닭: {reason}. "
                          "쓸 수 있는 폴더의 경로를 넣으세요.") from None
    _fsync_folder(path.parent)


def _replace_with(path: Path, data: bytes) -> None:
    # 1) 같은 폴더에 임시 파일을 만들어 다 쓰고 fsync로 디스크에 내립니다.
    # 2) 권한을 맞춘 뒤 os.replace로 한 번에 바꿔 끼웁니다. 실패하면 임시 파일을 지웁니다.
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, _file_mode(path))
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def _file_mode(path: Path) -> int:
    """mkstemp는 0o600으로 만드므로, 예전 파일의 권한이나 umask를 따른 권한을 돌려줍니다."""
    if path.exists():
        return path.stat().st_mode & 0o777
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _fsync_folder(folder: Path) -> None:
    # 이름 바꾸기까지 디스크에 남기려면 폴더도 fsync해야 합니다. Windows처럼 폴더를 열 수
    # 없는 곳에서는 건너뜁니다. 파일 내용은 이미 fsync했습니다.
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
