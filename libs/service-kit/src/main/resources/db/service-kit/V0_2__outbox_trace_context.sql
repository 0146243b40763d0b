-- The W3C trace context of the transaction that wrote each event, which the relay puts on the published CloudEvent
-- (distributed tracing extension) so that its consumers join the same trace. A service whose database is already past
-- its own V1 applies this out of order (quarkus.flyway.out-of-order=true): it touches only service-kit's table.
alter table outbox_event
    add column traceparent varchar(55),
    add column tracestate  varchar(512);
