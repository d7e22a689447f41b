package org.guardianportal.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * A minimal OIDC issuer on a real port: discovery document and JWKS for a locally generated RSA key, and tokens
 * signed with it (or with a key it does not publish).
 */
public final class TestIssuer {

    private static final String KEY_ID = "test-key";

    private final KeyPair published = rsaKeyPair();
    private final KeyPair unpublished = rsaKeyPair();
    private final HttpServer server;

    private TestIssuer() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::answer);
        server.start();
    }

    public static TestIssuer start() {
        return new TestIssuer();
    }

    public String issuer() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/realms/district";
    }

    /** A valid token for {@code user} with these extra claims (for example {@code roles}). */
    public String token(String user, Map<String, Object> claims) {
        return sign(published, user, claims, Instant.now().plus(Duration.ofMinutes(5)));
    }

    public String expiredToken(String user, Map<String, Object> claims) {
        return sign(published, user, claims, Instant.now().minus(Duration.ofMinutes(5)));
    }

    /** Well-formed, but signed by a key the issuer never published. */
    public String forgedToken(String user, Map<String, Object> claims) {
        return sign(unpublished, user, claims, Instant.now().plus(Duration.ofMinutes(5)));
    }

    private String sign(KeyPair keys, String user, Map<String, Object> claims, Instant expiresAt) {
        NimbusJwtEncoder encoder = NimbusJwtEncoder
                .withKeyPair((RSAPublicKey) keys.getPublic(), (RSAPrivateKey) keys.getPrivate())
                .jwkPostProcessor(jwk -> jwk.keyID(KEY_ID))
                .build();
        JwtClaimsSet.Builder claimSet = JwtClaimsSet.builder()
                .issuer(issuer())
                .subject("subject-of-" + user)
                .claim("preferred_username", user)
                .issuedAt(expiresAt.minus(Duration.ofMinutes(10)))
                .expiresAt(expiresAt);
        claims.forEach(claimSet::claim);
        JwsHeader header = JwsHeader.with(SignatureAlgorithm.RS256).keyId(KEY_ID).build();
        return encoder.encode(JwtEncoderParameters.from(header, claimSet.build())).getTokenValue();
    }

    private void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String body;
        if (path.endsWith("/.well-known/openid-configuration")) {
            body = "{\"issuer\":\"" + issuer() + "\",\"jwks_uri\":\"" + issuer() + "/jwks\","
                    + "\"id_token_signing_alg_values_supported\":[\"RS256\"]}";
        } else if (path.endsWith("/jwks")) {
            RSAKey publicKey = new RSAKey.Builder((RSAPublicKey) published.getPublic())
                    .keyID(KEY_ID).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256).build();
            body = new JWKSet(publicKey).toString();
        } else {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
            return;
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().put("Content-Type", List.of("application/json"));
        exchange.sendResponseHeaders(200, bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static KeyPair rsaKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
