package hu.tokenplatform.console.ops;

/**
 * The services the Ops screen watches, named as Prometheus' jobs and the Kubernetes Services are
 * (deploy/prometheus/prometheus.yml), each with the name of its outbox backlog gauge (service-kit's
 * {@code OutboxBacklogGauge}, {@code platform.events.outbox.backlog-metric}).
 */
public enum MonitoredService {
    TOKEN_REGISTRY("token-registry", "registry_outbox_backlog"),
    AUTH_SERVICE("auth-service", "auth_outbox_backlog"),
    UNLOCK_SERVICE("unlock-service", "unlock_outbox_backlog");

    private final String id;
    private final String backlogMetric;

    MonitoredService(String id, String backlogMetric) {
        this.id = id;
        this.backlogMetric = backlogMetric;
    }

    public String id() {
        return id;
    }

    public String backlogMetric() {
        return backlogMetric;
    }
}
