package mx.ine.examples;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The Web API walkthrough for a server-side client such as INE's News Monitoring System, in plain
 * Java 17 (java.net.http, no libraries): client-credentials token, create an upload, PUT its parts
 * to the presigned URLs, complete it, wait for clip.ready (polling the clip, or by webhook), publish
 * it and print its embed snippet. docs/api.md walks through the same steps with curl.
 *
 * <pre>
 * javac -d out $(find src -name '*.java')
 * INE_CLIENT_ID=... INE_CLIENT_SECRET=... java -cp out mx.ine.examples.Walkthrough clip.mp4 "Noticiero estelar"
 * </pre>
 *
 * Environment: INE_API_URL (default http://127.0.0.1:4566/api/v1), INE_TOKEN_URL (default
 * http://127.0.0.1:4566/_local/auth/oauth2/token), INE_CLIENT_ID, INE_CLIENT_SECRET, INE_SCOPE
 * (optional); to wait by webhook instead of polling: INE_WEBHOOK_PORT and INE_WEBHOOK_SECRET (the
 * subscription's secret; an admin subscribes http://this-host:port/ to clip.ready and clip.failed).
 */
public final class Walkthrough {
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  private final String api;
  private String token;

  private Walkthrough(String api, String token) {
    this.api = api.replaceAll("/+$", "");
    this.token = token;
  }

  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      System.err.println("usage: Walkthrough <file.mp4|.mov> [title]");
      System.exit(2);
    }
    Path file = Path.of(args[0]);
    String title = args.length > 1 ? args[1] : file.getFileName().toString().replaceAll("\\.[^.]+$", "");
    String api = env("INE_API_URL", "http://127.0.0.1:4566/api/v1");
    String tokenUrl = env("INE_TOKEN_URL", "http://127.0.0.1:4566/_local/auth/oauth2/token");

    // 1. A short-lived access token for this system (OAuth 2.0 client credentials, RFC 6749 4.4).
    String token = clientCredentialsToken(tokenUrl, required("INE_CLIENT_ID"), required("INE_CLIENT_SECRET"), System.getenv("INE_SCOPE"));
    Walkthrough w = new Walkthrough(api, token);

    // Webhook mode listens before anything can happen, so clip.ready cannot be missed.
    String hookSecret = System.getenv("INE_WEBHOOK_SECRET");
    String hookPort = System.getenv("INE_WEBHOOK_PORT");
    WebhookWaiter waiter = hookSecret != null && hookPort != null ? new WebhookWaiter(Integer.parseInt(hookPort), hookSecret) : null;

    // 2. Declare the file: its size and SHA-256 (packaging verifies both) and the clip's metadata.
    long size = Files.size(file);
    String sha256 = sha256Hex(file);
    String type = file.toString().toLowerCase().endsWith(".mov") ? "video/quicktime" : "video/mp4";
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("title", title);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("fileName", file.getFileName().toString());
    body.put("size", size);
    body.put("sha256", sha256);
    body.put("contentType", type);
    body.put("metadata", metadata);
    Map<String, Object> upload = w.post("/uploads", body);
    String uploadId = (String) upload.get("uploadId");
    int partCount = ((Number) upload.get("partCount")).intValue();
    System.out.printf("upload %s: %d bytes in %d part(s)%n", uploadId, size, partCount);

    // 3. PUT each part straight to storage through its presigned URL (no token: the URL is the permission).
    List<Object> parts = new ArrayList<>();
    Map<Integer, Map<String, Object>> urls = partsByNumber(upload);
    Instant urlsExpire = Instant.parse((String) upload.get("urlsExpireAt"));
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
      for (int n = 1; n <= partCount; n++) {
        if (!urls.containsKey(n) || Instant.now().isAfter(urlsExpire.minusSeconds(60))) {
          // Beyond the first answer's URLs, or about to expire: fresh ones for the next parts.
          List<Object> next = new ArrayList<>();
          for (int k = n; k <= Math.min(partCount, n + 999); k++) next.add(k);
          Map<String, Object> more = w.post("/uploads/" + uploadId + "/parts", Map.of("partNumbers", next));
          urls = partsByNumber(more);
          urlsExpire = Instant.parse((String) more.get("urlsExpireAt"));
        }
        Map<String, Object> p = urls.get(n);
        long start = ((Number) p.get("start")).longValue();
        byte[] bytes = new byte[((Number) p.get("size")).intValue()];
        raf.seek(start);
        raf.readFully(bytes);
        HttpResponse<String> put =
            HTTP.send(
                HttpRequest.newBuilder(URI.create((String) p.get("url")))
                    .timeout(Duration.ofMinutes(10))
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (put.statusCode() != 200) throw new IOException("part " + n + ": HTTP " + put.statusCode() + " " + put.body());
        Map<String, Object> done = new LinkedHashMap<>();
        done.put("partNumber", n);
        done.put("etag", put.headers().firstValue("ETag").orElseThrow());
        parts.add(done);
        System.out.printf("  part %d/%d sent%n", n, partCount);
      }
    }

    // 4. Complete: the service checks every part, assembles the file and starts packaging.
    Map<String, Object> completed = w.post("/uploads/" + uploadId + "/complete", Map.of("parts", parts));
    String clipId = (String) completed.get("clipId");
    System.out.println("clip " + clipId + " is being packaged");

    // 5. Wait for clip.ready: by webhook when configured, else by reading the clip now and then.
    String status = waiter != null ? waiter.await(clipId, Duration.ofMinutes(30)) : w.pollUntilPackaged(clipId, Duration.ofMinutes(30));
    if (waiter != null) waiter.close();
    System.out.println("clip " + clipId + ": " + status + (waiter != null ? " (by webhook)" : " (by polling)"));
    if (!"ready".equals(status)) {
      System.err.println("packaging did not succeed: " + status);
      System.exit(1);
    }

    // 6. Publish (the answer is the clip: record, URLs and embed snippet), then 7. print the snippet for INE's pages.
    Map<String, Object> clip = w.post("/clips/" + clipId + "/publish", Map.of());
    @SuppressWarnings("unchecked")
    Map<String, Object> embed = (Map<String, Object>) clip.get("embed");
    System.out.println("published; embed snippet:");
    System.out.println(embed.get("html"));
  }

  private static String env(String name, String fallback) {
    String v = System.getenv(name);
    return v == null || v.isEmpty() ? fallback : v;
  }

  private static String required(String name) {
    String v = System.getenv(name);
    if (v == null || v.isEmpty()) {
      System.err.println(name + " is required");
      System.exit(2);
    }
    return v;
  }

  static String clientCredentialsToken(String tokenUrl, String clientId, String clientSecret, String scope) throws IOException, InterruptedException {
    String form = "grant_type=client_credentials" + (scope == null || scope.isEmpty() ? "" : "&scope=" + URLEncoder.encode(scope, StandardCharsets.UTF_8));
    String basic =
        Base64.getEncoder()
            .encodeToString(
                (URLEncoder.encode(clientId, StandardCharsets.UTF_8) + ":" + URLEncoder.encode(clientSecret, StandardCharsets.UTF_8))
                    .getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> res =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(tokenUrl))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", "Basic " + basic)
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (res.statusCode() != 200) throw new IOException("token: HTTP " + res.statusCode() + " " + res.body());
    return (String) Json.object(res.body()).get("access_token");
  }

  static String sha256Hex(Path file) throws Exception {
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buf = new byte[1 << 20];
      for (int n; (n = in.read(buf)) > 0; ) md.update(buf, 0, n);
    }
    return HexFormat.of().formatHex(md.digest());
  }

  @SuppressWarnings("unchecked")
  private static Map<Integer, Map<String, Object>> partsByNumber(Map<String, Object> answer) {
    Map<Integer, Map<String, Object>> out = new LinkedHashMap<>();
    for (Object o : (List<Object>) answer.get("parts")) {
      Map<String, Object> p = (Map<String, Object>) o;
      out.put(((Number) p.get("partNumber")).intValue(), p);
    }
    return out;
  }

  /** POST JSON with an Idempotency-Key: a retry after a lost answer reuses it, so nothing happens twice. */
  Map<String, Object> post(String path, Object body) throws IOException, InterruptedException {
    String key = UUID.randomUUID().toString();
    return send(() -> base(path).header("Idempotency-Key", key).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(Json.write(body))));
  }

  Map<String, Object> get(String path) throws IOException, InterruptedException {
    return send(() -> base(path).GET());
  }

  /** GET that answers null for 404: a clip is not visible until packaging has started. */
  Map<String, Object> getIfFound(String path) throws IOException, InterruptedException {
    HttpResponse<String> res = HTTP.send(base(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    if (res.statusCode() == 404) return null;
    if (res.statusCode() / 100 == 2) return Json.object(res.body());
    return get(path); // anything else: the retrying path, which reports a lasting error
  }

  private HttpRequest.Builder base(String path) {
    return HttpRequest.newBuilder(URI.create(api + path)).timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token).header("Accept", "application/json");
  }

  private interface RequestMaker {
    HttpRequest.Builder make();
  }

  /** Sends, retrying 429 and 5xx (waiting Retry-After when given) up to 5 times; other errors are problem+json and end the walkthrough. */
  private Map<String, Object> send(RequestMaker req) throws IOException, InterruptedException {
    for (int attempt = 1; ; attempt++) {
      HttpResponse<String> res = HTTP.send(req.make().build(), HttpResponse.BodyHandlers.ofString());
      int s = res.statusCode();
      if (s >= 200 && s < 300) return res.body().isEmpty() ? Map.of() : Json.object(res.body());
      if ((s == 429 || s >= 500) && attempt < 5) {
        long wait = res.headers().firstValue("Retry-After").map(Long::parseLong).orElse((long) Math.pow(2, attempt));
        TimeUnit.SECONDS.sleep(Math.min(wait, 60));
        continue;
      }
      throw new IOException(res.request().method() + " " + res.uri() + ": HTTP " + s + " " + res.body());
    }
  }

  @SuppressWarnings("unchecked")
  String pollUntilPackaged(String clipId, Duration max) throws IOException, InterruptedException {
    Instant deadline = Instant.now().plus(max);
    while (Instant.now().isBefore(deadline)) {
      Map<String, Object> clip = getIfFound("/clips/" + clipId);
      if (clip == null) {
        TimeUnit.SECONDS.sleep(1); // completed a moment ago: the packager has not claimed it yet
        continue;
      }
      Object status = ((Map<String, Object>) clip.get("record")).get("status");
      if ("ready".equals(status) || "failed".equals(status)) return (String) status;
      TimeUnit.SECONDS.sleep(3);
    }
    return "timed out";
  }

  /** Listens for INE webhooks, verifies each one, and completes when clip.ready or clip.failed names our clip. */
  static final class WebhookWaiter {
    private final HttpServer server;
    private final Map<String, CompletableFuture<String>> waiting = new java.util.concurrent.ConcurrentHashMap<>();

    WebhookWaiter(int port, String secret) throws IOException {
      server = HttpServer.create(new InetSocketAddress(port), 0);
      server.createContext(
          "/",
          exchange -> {
            byte[] raw = exchange.getRequestBody().readAllBytes();
            WebhookSignature.Result check = WebhookSignature.verify(exchange.getRequestHeaders().getFirst("INE-Signature"), raw, secret, System.currentTimeMillis());
            exchange.sendResponseHeaders(check.ok() ? 204 : 401, -1);
            exchange.close();
            if (!check.ok()) return;
            Map<String, Object> event = Json.object(new String(raw, StandardCharsets.UTF_8));
            @SuppressWarnings("unchecked")
            Map<String, Object> data = (Map<String, Object>) event.get("data");
            String type = (String) event.get("type");
            if ("clip.ready".equals(type) || "clip.failed".equals(type))
              waiting.computeIfAbsent((String) data.get("clipId"), k -> new CompletableFuture<>()).complete(type.substring(5));
          });
      server.start();
    }

    String await(String clipId, Duration max) throws Exception {
      try {
        return waiting.computeIfAbsent(clipId, k -> new CompletableFuture<>()).get(max.toSeconds(), TimeUnit.SECONDS);
      } catch (java.util.concurrent.TimeoutException e) {
        return "timed out";
      }
    }

    void close() {
      server.stop(0);
    }
  }
}
