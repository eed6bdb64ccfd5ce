"""pytest 공통 설정: hypothesis 프로필과 허용 오차 상수."""

from hypothesis import settings

# 2코어 CI에서 전체 스위트가 5분 안에 끝나도록 예제 수를 정하고, 첫 실행의 느린
# import 때문에 생기는 거짓 실패를 막으려고 deadline을 끕니다.
settings.register_profile("default", deadline=None, max_examples=100)
settings.register_profile("thorough", deadline=None, max_examples=1000)
settings.load_profile("default")
