package org.guardianportal.credential.password;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.guardianportal.contracts.CredentialCommand;
import org.springframework.stereotype.Component;

/**
 * Continues a command's trace into the event it leads to. Spring Kafka does not observe batch listeners, so an event
 * produced while a poll of commands is carried out would start a trace of its own; here it is produced in a span
 * whose parent is the trace context the command's record carried (its batch request's), so whoever follows a batch's
 * trace finds its passwords issued or refused. A command without one leaves its event a trace of its own.
 */
@Component
class CommandTraces {

    private static final Propagator.Getter<Headers> HEADERS = (headers, key) -> {
        Header header = headers.lastHeader(key);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    };

    private final Tracer tracer;
    private final Propagator propagator;

    CommandTraces(Tracer tracer, Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    /** The headers of each command's record, by command id (those that cannot be read are left out). */
    static Map<UUID, Headers> of(List<ConsumerRecord<String, CredentialCommand>> records) {
        Map<UUID, Headers> headers = new HashMap<>();
        for (ConsumerRecord<String, CredentialCommand> record : records) {
            if (record.value() != null && record.value().commandId() != null) {
                headers.put(record.value().commandId(), record.headers());
            }
        }
        return headers;
    }

    /** Runs {@code send} in a span continuing the trace of the command's record, when it carried one. */
    <T> T within(Headers command, Supplier<T> send) {
        if (command == null || propagator.fields().stream().noneMatch(field -> command.lastHeader(field) != null)) {
            return send.get();
        }
        Span span = propagator.extract(command, HEADERS).name("credential.command").kind(Span.Kind.CONSUMER).start();
        try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
            return send.get();
        } finally {
            span.end();
        }
    }
}
