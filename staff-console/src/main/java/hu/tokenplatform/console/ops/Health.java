package hu.tokenplatform.console.ops;

import java.util.List;

/** A service's readiness as its {@code /q/health/ready} says it: UP or DOWN, with each check's name and status. */
public record Health(String status, List<Check> checks) {

    public record Check(String name, String status) {

        public boolean up() {
            return "UP".equals(status);
        }
    }

    public Health {
        checks = List.copyOf(checks);
    }

    public boolean up() {
        return "UP".equals(status);
    }
}
