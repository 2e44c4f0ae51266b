package dev.fastci.server.ui.logs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AnsiHtmlTest {

  private static final String E = "\u001b";

  @Test
  void plainTextIsUnchanged() {
    assertThat(AnsiHtml.render("Step 1/3: compiling")).isEqualTo("Step 1/3: compiling");
  }

  @Test
  void nullAndEmptyRenderAsEmpty() {
    assertThat(AnsiHtml.render(null)).isEmpty();
    assertThat(AnsiHtml.render("")).isEmpty();
  }

  @Test
  void htmlIsEscaped() {
    assertThat(AnsiHtml.render("<script>alert(1)</script>"))
        .isEqualTo("&lt;script&gt;alert(1)&lt;/script&gt;");
    assertThat(AnsiHtml.render("a & b \"c\" 'd'")).isEqualTo("a &amp; b &quot;c&quot; &#39;d&#39;");
  }

  @Test
  void escapedTextInsideAColourStaysEscaped() {
    assertThat(AnsiHtml.render(E + "[31m<b>" + E + "[0m"))
        .isEqualTo("<span class=\"ansi-fg-1\">&lt;b&gt;</span>");
  }

  @Test
  void foregroundColoursBecomeClasses() {
    assertThat(AnsiHtml.render(E + "[32mok" + E + "[0m done"))
        .isEqualTo("<span class=\"ansi-fg-2\">ok</span> done");
    assertThat(AnsiHtml.render(E + "[97mbright"))
        .isEqualTo("<span class=\"ansi-fg-15\">bright</span>");
  }

  @Test
  void backgroundColoursBecomeClasses() {
    assertThat(AnsiHtml.render(E + "[41mred" + E + "[49m " + E + "[100mgrey"))
        .isEqualTo("<span class=\"ansi-bg-1\">red</span> <span class=\"ansi-bg-8\">grey</span>");
  }

  @Test
  void boldAndColourCombineInOneSpan() {
    assertThat(AnsiHtml.render(E + "[1;31mERROR" + E + "[0m: boom"))
        .isEqualTo("<span class=\"ansi-bold ansi-fg-1\">ERROR</span>: boom");
  }

  @Test
  void styleChangeClosesTheSpanBeforeOpeningTheNext() {
    assertThat(AnsiHtml.render(E + "[1mbold " + E + "[33mand yellow" + E + "[22m yellow"))
        .isEqualTo(
            "<span class=\"ansi-bold\">bold </span>"
                + "<span class=\"ansi-bold ansi-fg-3\">and yellow</span>"
                + "<span class=\"ansi-fg-3\"> yellow</span>");
  }

  @Test
  void emptySgrResets() {
    assertThat(AnsiHtml.render(E + "[4;3mu" + E + "[mplain"))
        .isEqualTo("<span class=\"ansi-italic ansi-underline\">u</span>plain");
  }

  @Test
  void attributeResetsTurnOffOnlyThatAttribute() {
    assertThat(AnsiHtml.render(E + "[2;3;4;35;44ma" + E + "[23mb" + E + "[24mc" + E + "[39md"))
        .isEqualTo(
            "<span class=\"ansi-dim ansi-italic ansi-underline ansi-fg-5 ansi-bg-4\">a</span>"
                + "<span class=\"ansi-dim ansi-underline ansi-fg-5 ansi-bg-4\">b</span>"
                + "<span class=\"ansi-dim ansi-fg-5 ansi-bg-4\">c</span>"
                + "<span class=\"ansi-dim ansi-bg-4\">d</span>");
  }

  @Test
  void openSpanIsClosedAtTheEndOfTheLine() {
    assertThat(AnsiHtml.render(E + "[36mno reset"))
        .isEqualTo("<span class=\"ansi-fg-6\">no reset</span>");
  }

  @Test
  void styleWithoutTextMakesNoEmptySpan() {
    assertThat(AnsiHtml.render("a" + E + "[31m" + E + "[0mb")).isEqualTo("ab");
  }

  @Test
  void paletteColoursUpTo15MapToBasicClassesAndOthersAreIgnored() {
    assertThat(AnsiHtml.render(E + "[38;5;9mx" + E + "[0m" + E + "[38;5;208;1my"))
        .isEqualTo("<span class=\"ansi-fg-9\">x</span><span class=\"ansi-bold\">y</span>");
  }

  @Test
  void trueColourParametersAreNotMistakenForAttributes() {
    assertThat(AnsiHtml.render(E + "[38;2;1;2;3mx")).isEqualTo("x");
  }

  @Test
  void otherEscapeSequencesAreDropped() {
    assertThat(AnsiHtml.render(E + "[2J" + E + "[H" + E + "[Kclear" + E + "[3A" + E + "[?25lhide"))
        .isEqualTo("clearhide");
    assertThat(AnsiHtml.render(E + "]0;window title" + "\u0007text")).isEqualTo("text");
    assertThat(AnsiHtml.render(E + "]8;;https://x.test" + E + "\\link" + E + "]8;;" + E + "\\"))
        .isEqualTo("link");
    assertThat(AnsiHtml.render(E + "(Bcharset" + E + "7saved")).isEqualTo("charsetsaved");
  }

  @Test
  void unterminatedSequencesAtTheEndAreDropped() {
    assertThat(AnsiHtml.render("text" + E + "[31")).isEqualTo("text");
    assertThat(AnsiHtml.render("text" + E)).isEqualTo("text");
  }

  @Test
  void carriageReturnKeepsOnlyTheTextAfterTheLastOne() {
    assertThat(AnsiHtml.render(" 10%\r 50%\r100% done")).isEqualTo("100% done");
  }

  @Test
  void trailingCarriageReturnIsIgnored() {
    assertThat(AnsiHtml.render("Windows line\r")).isEqualTo("Windows line");
    assertThat(AnsiHtml.render(" 50%\r100%\r")).isEqualTo("100%");
  }

  @Test
  void styleSetBeforeACarriageReturnStillApplies() {
    assertThat(AnsiHtml.render(E + "[32m 50%\r100%" + E + "[0m"))
        .isEqualTo("<span class=\"ansi-fg-2\">100%</span>");
  }
}
