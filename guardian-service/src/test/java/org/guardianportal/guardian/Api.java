package org.guardianportal.guardian;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The service's HTTP API as a client sees it: real requests on the real port, raw bodies in and out. */
public final class Api {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    public static final String USER = "secretariat";

    private final int port;
    private final Map<String, String> headers;

    Api(int port) {
        this(port, Map.of("X-Authenticated-User", USER));
    }

    private Api(int port, Map<String, String> headers) {
        this.port = port;
        this.headers = headers;
    }

    /** The same client, sending one more header on every request. */
    public Api withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new Api(port, more);
    }

    public Response get(String path) {
        return send("GET", path, null, (byte[]) null);
    }

    public Response post(String path, String json) {
        return send("POST", path, "application/json", json);
    }

    public Response put(String path, String json) {
        return send("PUT", path, "application/json", json);
    }

    public Response delete(String path) {
        return send("DELETE", path, null, (byte[]) null);
    }

    public Response send(String method, String path, String contentType, String body) {
        return send(method, path, contentType, body == null ? null : body.getBytes(StandardCharsets.UTF_8));
    }

    public Response send(String method, String path, String contentType, byte[] body) {
        return send(method, path, contentType, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(body));
    }

    /** Sends with whatever body publisher the test needs, such as a chunked stream with no Content-Length. */
    public Response send(String method, String path, String contentType, HttpRequest.BodyPublisher body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(60))
                .method(method, body);
        headers.forEach(request::header);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.headers().firstValue("Location").orElse(null), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static JsonNode json(String text) {
        return JSON.readTree(text);
    }

    public record Response(int status, String contentType, String location, String body) {

        public JsonNode json() {
            return Api.json(body);
        }

        public boolean isProblem() {
            return contentType.startsWith("application/problem+json");
        }
    }
}
