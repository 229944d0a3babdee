package io.deskbridge.connector.email;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HtmlTextTest {

  @Test
  void blockElementsAndBreaksBecomeLineBreaks() {
    // Given blocks and breaks
    String html = "<div>first</div><div>second<br>third</div>";

    // When / Then
    assertThat(HtmlText.of(html)).isEqualTo("first\nsecond\nthird");
  }

  @Test
  void listItemsGetADash() {
    assertThat(HtmlText.of("<ul><li>one</li><li>two</li></ul>")).isEqualTo("- one\n- two");
  }

  @Test
  void linksKeepTheirText() {
    assertThat(HtmlText.of("Open <a href=\"https://example.com/x\">the ticket</a> now"))
        .isEqualTo("Open the ticket now");
  }

  @Test
  void scriptsAndStylesAreNotText() {
    // Given a page with a style and a script
    String html =
        "<html><head><style>b{}</style></head><body>visible<script>hidden()</script></body></html>";

    // When / Then
    assertThat(HtmlText.of(html)).isEqualTo("visible");
  }

  @Test
  void runsOfBlankLinesCollapseToOne() {
    assertThat(HtmlText.of("<p>a</p><p>&nbsp;</p><p></p><br><br><p>b</p>")).isEqualTo("a\n\nb");
  }

  @Test
  void whiteSpaceInsideAParagraphCollapses() {
    assertThat(HtmlText.of("<p>one\n   two\t three</p>")).isEqualTo("one two three");
  }

  @Test
  void aPageWithoutTextSaysItsTitle() {
    assertThat(HtmlText.of("<html><head><title>Your invoice</title></head><body><img></body>"))
        .isEqualTo("Your invoice");
  }

  @Test
  void nothingGivesEmptyText() {
    assertThat(HtmlText.of((String) null)).isEmpty();
  }
}
