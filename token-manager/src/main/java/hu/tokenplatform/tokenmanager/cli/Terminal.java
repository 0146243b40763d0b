package hu.tokenplatform.tokenmanager.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * Where Token Manager talks to the user: texts from {@link Messages}, PINs read without echo from the console
 * when there is one, else a line from standard input (scripts, the branch's provisioning station, tests).
 * Lines are bounded so that a pasted file cannot exhaust memory.
 */
public final class Terminal {

    /** Far above every PIN, Code or Random; longer input is refused, not truncated. */
    static final int MAX_LINE = 256;

    private final BufferedReader in;
    private final PrintWriter out;
    private final PrintWriter err;
    private final Console console;
    private final Messages messages;

    public Terminal(BufferedReader in, PrintWriter out, PrintWriter err, Console console, Messages messages) {
        this.in = in;
        this.out = out;
        this.err = err;
        this.console = console;
        this.messages = messages;
    }

    public Messages messages() {
        return messages;
    }

    public String text(String key, Object... arguments) {
        return messages.text(key, arguments);
    }

    public void say(String key, Object... arguments) {
        out.println(messages.text(key, arguments));
        out.flush();
    }

    public void sayRaw(String line) {
        out.println(line);
        out.flush();
    }

    public void complain(String key, Object... arguments) {
        err.println(messages.text(key, arguments));
        err.flush();
    }

    /** A secret (PIN) without echo where possible; the caller clears the array after use. */
    public char[] askSecret(String key, Object... arguments) {
        String prompt = messages.text(key, arguments) + ": ";
        if (console != null) {
            char[] typed = console.readPassword("%s", prompt);
            if (typed == null) {
                throw new EndOfInputException();
            }
            if (typed.length > MAX_LINE) {
                Arrays.fill(typed, '\0');
                throw new InputTooLongException();
            }
            return typed;
        }
        out.print(prompt);
        out.flush();
        return readLine();
    }

    /** A visible answer, such as the unlock Code read back by the helpdesk. */
    public String ask(String key, Object... arguments) {
        String prompt = messages.text(key, arguments) + ": ";
        if (console != null) {
            String typed = console.readLine("%s", prompt);
            if (typed == null) {
                throw new EndOfInputException();
            }
            if (typed.length() > MAX_LINE) {
                throw new InputTooLongException();
            }
            return typed.strip();
        }
        out.print(prompt);
        out.flush();
        char[] line = readLine();
        try {
            return new String(line).strip();
        } finally {
            Arrays.fill(line, '\0');
        }
    }

    private char[] readLine() {
        char[] buffer = new char[MAX_LINE + 1];
        int length = 0;
        try {
            int c;
            while ((c = in.read()) != -1 && c != '\n') {
                if (length == buffer.length) {
                    Arrays.fill(buffer, '\0');
                    skipRestOfLine();
                    throw new InputTooLongException();
                }
                buffer[length++] = (char) c;
            }
            if (c == -1 && length == 0) {
                throw new EndOfInputException();
            }
            if (length > 0 && buffer[length - 1] == '\r') {
                length--;
            }
            if (length > MAX_LINE) {
                throw new InputTooLongException();
            }
            return Arrays.copyOf(buffer, length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            Arrays.fill(buffer, '\0');
        }
    }

    private void skipRestOfLine() throws IOException {
        int c;
        do {
            c = in.read();
        } while (c != -1 && c != '\n');
    }

    /** Standard input ended before the user answered. */
    public static final class EndOfInputException extends RuntimeException {
        EndOfInputException() {
            super("input ended");
        }
    }

    /** A line longer than any PIN or Code. */
    public static final class InputTooLongException extends RuntimeException {
        InputTooLongException() {
            super("input line too long");
        }
    }
}
