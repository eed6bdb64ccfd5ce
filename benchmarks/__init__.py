"""micrograd_ko 벤치마크 모음: 파이썬 float, micrograd_ko, micrograd를 같은 작업으로 잽니다."""
