package org.winbackhub.feedback.webhooks.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.winbackhub.feedback.webhooks.WebhookVerdict.Status;

/**
 * The vectors are Twilio's own: the request-validation example of its documentation (token 12345,
 * https://mycompany.com/myapp.php?foo=1&bar=2, signature RSOYDt4T1cUTdK1PDd93/VVr8B8=) and the port
 * and JSON-body cases of the RequestValidatorTest in twilio-java.
 */
class TwilioSignatureTest {
  static final String URL = "https://mycompany.com/myapp.php?foo=1&bar=2";
  static final Map<String, String> PARAMS =
      Map.of(
          "CallSid", "CA1234567890ABCDE",
          "Caller", "+14158675309",
          "Digits", "1234",
          "From", "+14158675309",
          "To", "+18005551212");
  static final String DOCUMENTED = "RSOYDt4T1cUTdK1PDd93/VVr8B8=";

  final TwilioSignature twilio = new TwilioSignature("12345");

  @Test
  void accepts_twilios_documented_example() {
    assertThat(twilio.verify(URL, PARAMS, DOCUMENTED).isAccepted()).isTrue();
    assertThat(twilio.sign(URL, PARAMS)).isEqualTo(DOCUMENTED);
  }

  @Test
  void refuses_a_changed_parameter_url_token_or_signature() {
    Map<String, String> changed = new java.util.HashMap<>(PARAMS);
    changed.put("Digits", "1235");
    assertThat(twilio.verify(URL, changed, DOCUMENTED).status()).isEqualTo(Status.BAD_SIGNATURE);
    assertThat(twilio.verify(URL.replace("foo=1", "foo=2"), PARAMS, DOCUMENTED).status())
        .isEqualTo(Status.BAD_SIGNATURE);
    assertThat(new TwilioSignature("54321").verify(URL, PARAMS, DOCUMENTED).status())
        .isEqualTo(Status.BAD_SIGNATURE);
    assertThat(twilio.verify(URL, PARAMS, "NOT" + DOCUMENTED).reason())
        .contains("X-Twilio-Signature");
  }

  @Test
  void a_missing_header_is_named() {
    var verdict = twilio.verify(URL, PARAMS, null);
    assertThat(verdict.status()).isEqualTo(Status.MISSING);
    assertThat(verdict.reason()).isEqualTo("header X-Twilio-Signature is missing");
    assertThat(twilio.verify(URL, PARAMS, " ").status()).isEqualTo(Status.MISSING);
  }

  @Test
  void the_url_is_tried_with_and_without_its_port_as_twilios_libraries_do() {
    // signed without a port, called with one
    assertThat(twilio.verify(URL.replace(".com", ".com:1234"), PARAMS, DOCUMENTED).isAccepted())
        .isTrue();
    // signed with the default port, called without
    assertThat(twilio.verify(URL, PARAMS, "kvajT1Ptam85bY51eRf/AJRuM3w=").isAccepted()).isTrue();
    assertThat(
            twilio
                .verify(URL.replace("https", "http"), PARAMS, "0ZXoZLH/DfblKGATFgpif+LLRf4=")
                .isAccepted())
        .isTrue();
    assertThat(
            twilio
                .verify(
                    URL.replace(".com", ".com:1234").replace("https", "http"),
                    PARAMS,
                    "Zmvh+3yNM1Phv2jhDCwEM3q5ebU=")
                .isAccepted())
        .isTrue();
  }

  @Test
  void repeated_parameters_count_each_value_and_single_values_match_the_simple_form() {
    var multi =
        Map.of(
            "CallSid", List.of("CA1234567890ABCDE"),
            "Caller", List.of("+14158675309"),
            "Digits", List.of("1234"),
            "From", List.of("+14158675309"),
            "To", List.of("+18005551212"));
    assertThat(twilio.verifyMulti(URL, multi, DOCUMENTED).isAccepted()).isTrue();
    var withRepeat = new java.util.HashMap<>(multi);
    withRepeat.put("MediaUrl", List.of("b", "a"));
    // computed here on its own: names sorted, each value of a repeated name sorted
    String expected =
        hmacSha1(
            "12345",
            URL
                + "CallSidCA1234567890ABCDE"
                + "Caller+14158675309"
                + "Digits1234"
                + "From+14158675309"
                + "MediaUrlaMediaUrlb"
                + "To+18005551212");
    assertThat(twilio.verifyMulti(URL, withRepeat, expected).isAccepted()).isTrue();
    assertThat(twilio.verifyMulti(URL, withRepeat, DOCUMENTED).status())
        .isEqualTo(Status.BAD_SIGNATURE);
  }

  static String hmacSha1(String key, String data) {
    try {
      javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA1");
      mac.init(
          new javax.crypto.spec.SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
      return java.util.Base64.getEncoder()
          .encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void json_bodies_are_checked_against_their_body_hash() {
    byte[] body = "{\"property\": \"value\", \"boolean\": true}".getBytes(StandardCharsets.UTF_8);
    String hash = "0a1ff7634d9ab3b95db5c9a2dfe9416e41502b283a80c7cf19632632f96e6620";
    String url = URL + "&bodySHA256=" + hash;
    assertThat(twilio.verifyJson(url, body, "a9nBmqA0ju/hNViExpshrM61xv4=").isAccepted()).isTrue();
    assertThat(
            twilio
                .verifyJson(
                    "https://mycompany.com/myapp.php?bodySHA256=" + hash,
                    body,
                    "y77kIzt2vzLz71DgmJGsen2scGs=")
                .isAccepted())
        .isTrue();
    byte[] tampered = "{\"property\": \"other\", \"boolean\": true}".getBytes();
    assertThat(twilio.verifyJson(url, tampered, "a9nBmqA0ju/hNViExpshrM61xv4=").status())
        .isEqualTo(Status.BAD_SIGNATURE);
    assertThat(twilio.verifyJson(URL, body, DOCUMENTED).status()).isEqualTo(Status.MISSING);
  }
}
