"""viewer.py 테스트: 단계 보기 HTML 파일의 내용과, 진짜 브라우저(헤드리스 Chromium)에서의 동작을 봅니다."""

from __future__ import annotations

import html
import os
import re
import shutil
import tempfile

import pytest

from micrograd_ko import viz
from micrograd_ko.engine import Value, topological_order
from micrograd_ko.expr import parse
from micrograd_ko.viewer import backward_html

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver") or ("/usr/bin/chromedriver" if os.path.exists("/usr/bin/chromedriver") else None)


def _stub_svg(root, highlight=None, **options):
    """Graphviz 렌더러가 없을 때 쓰는 가짜 SVG: 노드마다 label과 grad를 글자로 적습니다."""
    marked = {id(node) for node in highlight or ()}
    texts = [
        f'<text class="{"hl" if id(node) in marked else ""}">{html.escape(node.label)} grad {node.grad:.4f}</text>'
        for node in topological_order(root)
    ]
    return '<?xml version="1.0"?>\n<svg id="graph0" xmlns="http://www.w3.org/2000/svg">' + "".join(texts) + "</svg>"


@pytest.fixture(autouse=True)
def svg_renderer(monkeypatch):
    """Graphviz로 SVG를 그릴 수 있으면 진짜 viz.to_svg를, 없으면 가짜를 씁니다."""
    try:
        viz.to_svg(Value(1.0))
    except viz.RenderError:
        monkeypatch.setattr(viz, "to_svg", _stub_svg)


def _neuron() -> Value:
    return parse("tanh(x1*w1 + x2*w2 + b)", x1=2, x2=0, w1=-3, w2=1, b=6.8813735870195432)


# ---------------------------------------------------------------- 파일 내용


def test_backward_html_has_one_frame_per_step(tmp_path):
    path = backward_html(_neuron(), tmp_path / "steps.html")
    page = path.read_text(encoding="utf-8")
    assert page.count('<section class="frame"') == 11  # 순전파 상태 + 노드 10개
    assert page.count("<svg") == 11
    assert 'max="10"' in page


def test_backward_html_needs_no_network(tmp_path):
    page = backward_html(_neuron(), tmp_path / "steps.html").read_text(encoding="utf-8")
    urls = set(re.findall(r"https?://[^\s\"'<>)]+", page))
    assert urls <= {"http://www.w3.org/2000/svg", "http://www.w3.org/1999/xlink"}  # SVG 이름공간일 뿐입니다.
    assert "<script src" not in page
    assert "<link" not in page


def test_backward_html_shows_step_text_and_grads(tmp_path):
    page = backward_html(_neuron(), tmp_path / "steps.html").read_text(encoding="utf-8")
    assert html.escape("∂L/∂x1 += ∂L/∂곱셈3 × ∂곱셈3/∂x1 = 0.5000 × (-3.0000) = -1.5000") in page
    assert '<tr class="current"><td>곱셈3</td>' in page


def test_backward_html_restores_grads_and_labels(tmp_path):
    root = _neuron()
    nodes = topological_order(root)
    for i, node in enumerate(nodes):
        node.grad = 0.5 * i
    labels = [node.label for node in nodes]
    backward_html(root, tmp_path / "steps.html")
    assert [node.grad for node in nodes] == [0.5 * i for i in range(len(nodes))]
    assert [node.label for node in nodes] == labels


def test_backward_html_leaves_no_temporary_file(tmp_path):
    backward_html(_neuron(), tmp_path / "steps.html")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["steps.html"]


def test_backward_html_missing_folder_raises(tmp_path):
    with pytest.raises(FileNotFoundError, match="저장할 폴더가 없습니다"):
        backward_html(_neuron(), tmp_path / "없음" / "steps.html")


def test_backward_html_rejects_highlight_option(tmp_path):
    with pytest.raises(TypeError, match="highlight"):
        backward_html(_neuron(), tmp_path / "steps.html", highlight=[])


def test_backward_html_rejects_non_value(tmp_path):
    with pytest.raises(TypeError, match="Value가 필요합니다"):
        backward_html(1.0, tmp_path / "steps.html")


def test_viz_backward_html_delegates_to_viewer(tmp_path):
    path = viz.backward_html(parse("a*b", a=2.0, b=-3.0), tmp_path / "ab.html")
    assert path.read_text(encoding="utf-8").count('<section class="frame"') == 4


# ---------------------------------------------------------------- 브라우저


@pytest.fixture(scope="module")
def browser():
    """헤드리스 Chromium을 selenium으로 엽니다 (모듈에서 한 번). 브라우저가 없으면 이유를 적고 건너뜁니다."""
    webdriver = pytest.importorskip("selenium.webdriver", reason="selenium이 없습니다: pip install selenium")
    if CHROMIUM is None or CHROMEDRIVER is None:
        pytest.skip("Chromium이나 chromedriver가 없습니다: apt-get install -y chromium chromium-driver")
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    profile = tempfile.mkdtemp(prefix="micrograd-ko-chromium-")
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 f"--user-data-dir={profile}", "--window-size=1400,1000"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def _shown(driver) -> dict:
    from selenium.webdriver.common.by import By

    frame = driver.find_element(By.CSS_SELECTOR, ".frame:not([hidden])")
    return {
        "counter": driver.find_element(By.ID, "step-counter").text,
        "text": frame.find_element(By.CLASS_NAME, "step-text").text,
        "grads": frame.find_element(By.CLASS_NAME, "grads").text,
        "visible": len(driver.find_elements(By.CSS_SELECTOR, ".frame:not([hidden])")),
    }


def test_viewer_next_button_changes_step_and_grads(browser, tmp_path):
    from selenium.webdriver.common.by import By

    path = backward_html(_neuron(), tmp_path / "steps.html")
    browser.get(path.resolve().as_uri())
    before = _shown(browser)
    browser.find_element(By.ID, "next").click()
    after = _shown(browser)
    browser.save_screenshot(str(tmp_path / "step1.png"))

    assert before["counter"] == "단계 0/10"
    assert after["counter"] == "단계 1/10"
    assert after["visible"] == 1
    assert after["text"].startswith("단계 1/10: L = tanh(덧셈9) (쌍곡탄젠트)")
    assert after["text"] != before["text"]
    assert "L 0.7071 0.0000" in before["grads"]
    assert "L 0.7071 1.0000" in after["grads"]
    assert "덧셈9 0.8814 0.5000" in after["grads"]


def test_viewer_prev_button_disabled_at_start(browser, tmp_path):
    from selenium.webdriver.common.by import By

    browser.get(backward_html(_neuron(), tmp_path / "steps.html").resolve().as_uri())
    assert not browser.find_element(By.ID, "prev").is_enabled()
    browser.find_element(By.ID, "next").click()
    browser.find_element(By.ID, "prev").click()
    assert _shown(browser)["counter"] == "단계 0/10"


def test_viewer_arrow_keys_move_steps(browser, tmp_path):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    browser.get(backward_html(_neuron(), tmp_path / "steps.html").resolve().as_uri())
    ActionChains(browser).send_keys(Keys.ARROW_RIGHT, Keys.ARROW_RIGHT, Keys.ARROW_RIGHT).perform()
    assert _shown(browser)["counter"] == "단계 3/10"
    ActionChains(browser).send_keys(Keys.ARROW_LEFT).perform()
    shown = _shown(browser)
    assert shown["counter"] == "단계 2/10"
    assert shown["text"].startswith("단계 2/10: 덧셈9 = 덧셈7 + b (덧셈)")
    ActionChains(browser).send_keys(Keys.END).perform()
    assert _shown(browser)["counter"] == "단계 10/10"


def test_viewer_slider_selects_step(browser, tmp_path):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    browser.get(backward_html(_neuron(), tmp_path / "steps.html").resolve().as_uri())
    slider = browser.find_element(By.ID, "slider")
    slider.send_keys(Keys.ARROW_RIGHT)  # 슬라이더가 스스로 한 칸 움직이고 input 이벤트를 냅니다.
    assert _shown(browser)["counter"] == "단계 1/10"
    browser.execute_script(
        "arguments[0].value = '8'; arguments[0].dispatchEvent(new Event('input'));", slider)
    shown = _shown(browser)
    assert shown["counter"] == "단계 8/10"
    assert "∂L/∂x1 += ∂L/∂곱셈3 × ∂곱셈3/∂x1 = 0.5000 × (-3.0000) = -1.5000" in shown["text"]
    assert "x1 2.0000 -1.5000" in shown["grads"]


def test_backward_html_shows_no_internal_ids(tmp_path):
    """그림의 풍선 도움말(<title>)에 v0 같은 내부 id가 없습니다. 페이지 제목 하나만 남습니다."""
    text = backward_html(_neuron(), tmp_path / "steps.html").read_text(encoding="utf-8")
    assert text.count("<title>") == 1
    assert not re.search(r">v\d+(_op)?<", text)


def test_backward_html_into_directory_is_korean_error(tmp_path):
    with pytest.raises(IsADirectoryError, match="저장할 경로가 폴더입니다"):
        backward_html(_neuron(), tmp_path)
