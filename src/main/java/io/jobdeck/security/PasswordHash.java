package io.jobdeck.security;

import java.io.Console;
import java.util.Arrays;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/** {@code java -jar jobdeck.jar hash-password [password]}: prints a bcrypt hash for {@code jobdeck.security.users}. */
public final class PasswordHash {

    private PasswordHash() {}

    public static String fromArgsOrConsole(String[] args) {
        String password;
        if (args.length > 1) {
            password = args[1];
        } else {
            Console console = System.console();
            if (console == null) {
                throw new IllegalArgumentException("Usage: hash-password <password>");
            }
            char[] typed = console.readPassword("Password: ");
            password = new String(typed);
            Arrays.fill(typed, ' ');
        }
        if (password.isEmpty()) {
            throw new IllegalArgumentException("The password must not be empty");
        }
        return "{bcrypt}" + new BCryptPasswordEncoder().encode(password);
    }
}
