package dev.fastci.spec;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a command string into argv the way a POSIX shell splits words, without running a shell and
 * without any expansion ({@code $VAR}, globs, {@code ~} and operators such as {@code &&} or {@code
 * |} stay literal text). This matches what the original FastCI did via Python's {@code
 * shlex.split}.
 *
 * <ul>
 *   <li>Spaces, tabs, carriage returns and newlines outside quotes separate words.
 *   <li>Inside single quotes every character is literal.
 *   <li>Inside double quotes a backslash escapes only {@code $ ` " \} and newline (a
 *       backslash-newline is removed); before any other character the backslash is kept.
 *   <li>Outside quotes a backslash makes the next character literal; backslash-newline is a line
 *       continuation and is removed.
 *   <li>{@code ""} and {@code ''} produce an empty word; quoted and unquoted parts that touch form
 *       one word.
 * </ul>
 */
public final class CommandSplitter {

  private CommandSplitter() {}

  /**
   * @throws IllegalArgumentException on an unterminated quote or a trailing lone backslash
   */
  public static List<String> split(String command) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    int i = 0;
    while (i < command.length()) {
      char c = command.charAt(i);
      if (c == '\'') {
        int end = command.indexOf('\'', i + 1);
        if (end < 0) {
          throw new IllegalArgumentException("unterminated single quote");
        }
        word.append(command, i + 1, end);
        inWord = true;
        i = end + 1;
      } else if (c == '"') {
        i = readDoubleQuoted(command, i + 1, word);
        inWord = true;
      } else if (c == '\\') {
        if (i + 1 == command.length()) {
          throw new IllegalArgumentException("trailing backslash");
        }
        char next = command.charAt(i + 1);
        if (next != '\n') {
          word.append(next);
          inWord = true;
        }
        i += 2;
      } else if (isSeparator(c)) {
        if (inWord) {
          words.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
        i++;
      } else {
        word.append(c);
        inWord = true;
        i++;
      }
    }
    if (inWord) {
      words.add(word.toString());
    }
    return words;
  }

  /**
   * Appends the body of a double-quoted part starting at {@code start}; returns the index after it.
   */
  private static int readDoubleQuoted(String command, int start, StringBuilder word) {
    int i = start;
    while (i < command.length()) {
      char c = command.charAt(i);
      if (c == '"') {
        return i + 1;
      }
      if (c == '\\' && i + 1 < command.length()) {
        char next = command.charAt(i + 1);
        if (next == '$' || next == '`' || next == '"' || next == '\\') {
          word.append(next);
        } else if (next != '\n') {
          word.append(c).append(next);
        }
        i += 2;
      } else {
        word.append(c);
        i++;
      }
    }
    throw new IllegalArgumentException("unterminated double quote");
  }

  private static boolean isSeparator(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
  }
}
