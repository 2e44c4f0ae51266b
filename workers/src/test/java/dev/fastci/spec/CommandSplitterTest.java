package dev.fastci.spec;

import static dev.fastci.spec.CommandSplitter.split;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CommandSplitterTest {

  @Test
  void whitespaceSeparatesWords() {
    assertThat(split("  ls \t -la\n/tmp  ")).containsExactly("ls", "-la", "/tmp");
  }

  @Test
  void doubleQuotesKeepSpacesAndPunctuation() {
    assertThat(split("echo \"Hello, world!\"")).containsExactly("echo", "Hello, world!");
  }

  @Test
  void singleQuotesAreLiteral() {
    assertThat(split("echo '$HOME \\n \"x\"'")).containsExactly("echo", "$HOME \\n \"x\"");
  }

  @Test
  void nothingIsExpandedOrInterpreted() {
    assertThat(split("echo $HOME *.txt ~ a&&b | c # d"))
        .containsExactly("echo", "$HOME", "*.txt", "~", "a&&b", "|", "c", "#", "d");
  }

  @Test
  void backslashInDoubleQuotesEscapesOnlySpecialCharacters() {
    assertThat(split("\"\\$ \\` \\\" \\\\ \\n \\a\"")).containsExactly("$ ` \" \\ \\n \\a");
  }

  @Test
  void backslashNewlineInDoubleQuotesIsRemoved() {
    assertThat(split("\"ab\\\ncd\"")).containsExactly("abcd");
  }

  @Test
  void backslashOutsideQuotesEscapesTheNextCharacter() {
    assertThat(split("a\\ b \\'c\\\" \\\\")).containsExactly("a b", "'c\"", "\\");
  }

  @Test
  void backslashNewlineOutsideQuotesContinuesTheLine() {
    assertThat(split("make \\\n  test")).containsExactly("make", "test");
    assertThat(split("ab\\\ncd")).containsExactly("abcd");
  }

  @Test
  void emptyQuotesProduceEmptyWords() {
    assertThat(split("a \"\" ''")).containsExactly("a", "", "");
  }

  @Test
  void adjacentPartsJoinIntoOneWord() {
    assertThat(split("--opt=\"a b\"'c d'e")).containsExactly("--opt=a bc de");
  }

  @Test
  void blankCommandHasNoWords() {
    assertThat(split(" \n\t")).isEmpty();
  }

  @Test
  void unterminatedQuotesAreErrors() {
    assertThatThrownBy(() -> split("echo \"abc"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unterminated double quote");
    assertThatThrownBy(() -> split("echo 'abc"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unterminated single quote");
  }

  @Test
  void escapedClosingQuoteLeavesDoubleQuoteUnterminated() {
    assertThatThrownBy(() -> split("echo \"abc\\\"")).hasMessage("unterminated double quote");
  }

  @Test
  void trailingLoneBackslashIsAnError() {
    assertThatThrownBy(() -> split("echo abc\\"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("trailing backslash");
  }
}
