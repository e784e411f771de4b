package mx.ine.examples;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies an INE webhook delivery (docs/webhooks.md "Verifying a delivery"): the INE-Signature
 * header is "t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>", possibly with a
 * second v1 after a secret rotation. The same rules as verifyWebhookSignature in
 * core/events/signature.ts.
 */
public final class WebhookSignature {
  /** How far the timestamp may be from this machine's clock, either way. */
  public static final long REPLAY_WINDOW_SECONDS = 300;

  private WebhookSignature() {}

  /** The outcome: accepted (with the signed timestamp) or refused with a reason. */
  public record Result(boolean ok, String reason, long timestamp) {
    static Result accepted(long t) {
      return new Result(true, "ok", t);
    }

    static Result refused(String reason) {
      return new Result(false, reason, -1);
    }
  }

  /**
   * @param header the INE-Signature header (null when absent)
   * @param rawBody the request body exactly as received, before any JSON parsing
   * @param secret the subscription's secret (whsec_...)
   * @param nowMillis this machine's clock, System.currentTimeMillis()
   */
  public static Result verify(String header, byte[] rawBody, String secret, long nowMillis) {
    if (header == null || header.isEmpty()) return Result.refused("missing");
    if (header.length() > 1024) return Result.refused("malformed");
    long t = -1;
    List<String> candidates = new ArrayList<>();
    for (String part : header.split(",")) {
      int eq = part.indexOf('=');
      if (eq < 0) continue;
      String name = part.substring(0, eq).trim();
      String value = part.substring(eq + 1).trim();
      if (name.equals("t") && value.matches("\\d{1,12}")) t = Long.parseLong(value);
      else if (name.equals("v1") && value.matches("[0-9a-f]{64}")) candidates.add(value);
    }
    if (t < 0 || candidates.isEmpty()) return Result.refused("malformed");
    long skew = Math.floorDiv(nowMillis, 1000) - t;
    if (skew > REPLAY_WINDOW_SECONDS) return Result.refused("too-old");
    if (-skew > REPLAY_WINDOW_SECONDS) return Result.refused("too-new");
    byte[] expected;
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      mac.update((t + ".").getBytes(StandardCharsets.UTF_8));
      expected = mac.doFinal(rawBody);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every Java 17 runtime", e);
    }
    for (String c : candidates) {
      // Constant-time comparison: the time taken says nothing about how much matched.
      if (MessageDigest.isEqual(HexFormat.of().parseHex(c), expected)) return Result.accepted(t);
    }
    return Result.refused("mismatch");
  }

  /**
   * Command line, for checking a captured delivery (and for the repository's tests):
   * java mx.ine.examples.WebhookSignature <header> <body file> <secret> [now millis]
   * Prints "ok" or the reason; exit status 0 when accepted, 1 when refused.
   */
  public static void main(String[] args) throws Exception {
    if (args.length < 3) {
      System.err.println("usage: WebhookSignature <INE-Signature header> <raw body file> <secret> [now millis]");
      System.exit(2);
    }
    long now = args.length > 3 ? Long.parseLong(args[3]) : System.currentTimeMillis();
    Result r = verify(args[0], Files.readAllBytes(Path.of(args[1])), args[2], now);
    System.out.println(r.reason());
    System.exit(r.ok() ? 0 : 1);
  }
}
