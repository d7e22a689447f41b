package org.guardianportal.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * A minimal OIDC provider on a real port: discovery document and JWKS for a locally generated RSA key, tokens signed
 * with it (or with a key it does not publish), and the authorization code flow for the gateway's client: its
 * authorization endpoint signs in at once whoever {@link #nextSignIn} named (as a person would on its page), its token
 * endpoint checks the client's credentials and answers an ID token carrying the request's nonce, its user info
 * endpoint answers that person's claims, and its end-session endpoint records the sign-out and sends the browser back.
 */
public final class TestIssuer {

    public static final String CLIENT_ID = "gateway";
    public static final String CLIENT_SECRET = "gateway-secret";
    private static final String KEY_ID = "test-key";

    private final KeyPair published = rsaKeyPair();
    private final KeyPair unpublished = rsaKeyPair();
    private final HttpServer server;
    private final Map<String, SignIn> codes = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Object>> userInfoByAccessToken = new ConcurrentHashMap<>();
    private final List<String> signedOut = new CopyOnWriteArrayList<>();
    private volatile SignIn next;

    /** Who signs in next: the ID token's, the user info's and the access token's claims (roles may be in any). */
    private record SignIn(String user, Map<String, Object> idTokenClaims, Map<String, Object> userInfoClaims,
            Map<String, Object> accessTokenClaims, String nonce) {
    }

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

    /** The person who signs in at the next authorization request, with these claims in each token and the user info. */
    public void nextSignIn(String user, Map<String, Object> idTokenClaims, Map<String, Object> userInfoClaims,
            Map<String, Object> accessTokenClaims) {
        next = new SignIn(user, idTokenClaims, userInfoClaims, accessTokenClaims, null);
    }

    /** The ID token hints of the sign-outs the end-session endpoint received. */
    public List<String> signedOut() {
        return List.copyOf(signedOut);
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
        // each connection closed after its answer: in one CI run a sign-in's callback waited 30 s for the gateway,
        // whose clients pool their connections to this server. The cause was not found (a pooled connection this
        // server closed after 2 s idle did not reproduce it); one connection per request takes pooling out of it.
        exchange.getResponseHeaders().set("Connection", "close");
        String path = exchange.getRequestURI().getPath();
        String body;
        if (path.endsWith("/.well-known/openid-configuration")) {
            body = "{\"issuer\":\"" + issuer() + "\",\"jwks_uri\":\"" + issuer() + "/jwks\","
                    + "\"authorization_endpoint\":\"" + issuer() + "/auth\","
                    + "\"token_endpoint\":\"" + issuer() + "/token\","
                    + "\"userinfo_endpoint\":\"" + issuer() + "/userinfo\","
                    + "\"end_session_endpoint\":\"" + issuer() + "/logout\","
                    + "\"response_types_supported\":[\"code\"],\"subject_types_supported\":[\"public\"],"
                    + "\"grant_types_supported\":[\"authorization_code\"],"
                    + "\"token_endpoint_auth_methods_supported\":[\"client_secret_basic\"],"
                    + "\"id_token_signing_alg_values_supported\":[\"RS256\"]}";
        } else if (path.endsWith("/auth")) {
            Map<String, String> query = form(exchange.getRequestURI().getRawQuery());
            String code = UUID.randomUUID().toString();
            SignIn person = next;
            codes.put(code, new SignIn(person.user(), person.idTokenClaims(), person.userInfoClaims(),
                    person.accessTokenClaims(), query.get("nonce")));
            redirect(exchange, query.get("redirect_uri") + "?code=" + code + "&state="
                    + URLEncoder.encode(query.get("state"), StandardCharsets.UTF_8));
            return;
        } else if (path.endsWith("/token")) {
            String client = "Basic " + Base64.getEncoder().encodeToString(
                    (CLIENT_ID + ":" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
            SignIn person = codes.remove(form(new String(exchange.getRequestBody().readAllBytes(),
                    StandardCharsets.UTF_8)).get("code"));
            if (!client.equals(exchange.getRequestHeaders().getFirst("Authorization")) || person == null) {
                send(exchange, 400, "{\"error\":\"invalid_grant\"}");
                return;
            }
            Instant expiresAt = Instant.now().plus(Duration.ofMinutes(5));
            String accessToken = sign(published, person.user(), person.accessTokenClaims(), expiresAt);
            Map<String, Object> idToken = new HashMap<>(person.idTokenClaims());
            idToken.put("aud", List.of(CLIENT_ID));
            idToken.put("azp", CLIENT_ID);
            idToken.put("nonce", person.nonce());
            Map<String, Object> userInfo = new HashMap<>(person.userInfoClaims());
            userInfo.put("sub", "subject-of-" + person.user());
            userInfoByAccessToken.put(accessToken, userInfo);
            String signedIdToken = sign(published, person.user(), idToken, expiresAt);
            body = "{\"access_token\":\"" + accessToken + "\",\"token_type\":\"Bearer\",\"expires_in\":300,"
                    + "\"scope\":\"openid profile\",\"id_token\":\"" + signedIdToken + "\"}";
        } else if (path.endsWith("/userinfo")) {
            String authorization = String.valueOf(exchange.getRequestHeaders().getFirst("Authorization"));
            Map<String, Object> claims = userInfoByAccessToken.get(authorization.replaceFirst("^Bearer ", ""));
            if (claims == null) {
                send(exchange, 401, "{\"error\":\"invalid_token\"}");
                return;
            }
            body = JSONObjectUtils.toJSONString(claims);
        } else if (path.endsWith("/logout")) {
            Map<String, String> query = form(exchange.getRequestURI().getRawQuery());
            signedOut.add(query.get("id_token_hint"));
            redirect(exchange, query.get("post_logout_redirect_uri"));
            return;
        } else if (path.endsWith("/jwks")) {
            RSAKey publicKey = new RSAKey.Builder((RSAPublicKey) published.getPublic())
                    .keyID(KEY_ID).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256).build();
            body = new JWKSet(publicKey).toString();
        } else {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
            return;
        }
        send(exchange, 200, body);
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().put("Content-Type", List.of("application/json"));
        exchange.sendResponseHeaders(status, bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void redirect(HttpExchange exchange, String location) throws IOException {
        exchange.getResponseHeaders().put("Location", List.of(location));
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
    }

    /** {@code a=1&b=2}, decoded. */
    private static Map<String, String> form(String encoded) {
        Map<String, String> values = new HashMap<>();
        for (String pair : encoded == null ? new String[0] : encoded.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                values.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return values;
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
