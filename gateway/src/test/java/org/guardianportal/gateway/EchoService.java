package org.guardianportal.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real HTTP server standing in for a downstream service: it answers 200 with what it received (service name,
 * method, path, query, headers with lower-case names, body size). A path ending in {@code /slow} answers late.
 */
public final class EchoService {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String name;
    private final Duration slowness;
    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "echo-service");
        thread.setDaemon(true);
        return thread;
    });

    private EchoService(String name, Duration slowness) {
        this.name = name;
        this.slowness = slowness;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(threads);
        server.createContext("/", this::echo);
        server.start();
    }

    public static EchoService start(String name) {
        return new EchoService(name, Duration.ofSeconds(3));
    }

    /** A service that was running and has been stopped: its port now refuses connections. */
    public static EchoService stopped(String name) {
        EchoService service = start(name);
        service.server.stop(0);
        service.threads.shutdownNow();
        return service;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void echo(HttpExchange exchange) throws IOException {
        long bodyBytes;
        try (InputStream body = exchange.getRequestBody()) {
            bodyBytes = body.transferTo(OutputStream.nullOutputStream());
        }
        if (exchange.getRequestURI().getPath().endsWith("/slow")) {
            try {
                Thread.sleep(slowness.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Map<String, String> headers = new TreeMap<>();
        exchange.getRequestHeaders().forEach((header, values) ->
                headers.put(header.toLowerCase(Locale.ROOT), String.join(", ", values)));
        Map<String, Object> received = new LinkedHashMap<>();
        received.put("service", name);
        received.put("method", exchange.getRequestMethod());
        received.put("path", exchange.getRequestURI().getRawPath());
        if (exchange.getRequestURI().getRawQuery() != null) {
            received.put("query", exchange.getRequestURI().getRawQuery());
        }
        received.put("headers", headers);
        received.put("bodyBytes", bodyBytes);
        byte[] answer = JSON.writeValueAsString(received).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().put("Content-Type", List.of("application/json"));
        exchange.sendResponseHeaders(200, answer.length);
        try (var out = exchange.getResponseBody()) {
            out.write(answer);
        }
    }
}
