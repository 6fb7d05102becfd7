package org.winbackhub.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class TrackingTokenTest {
  final TrackingToken tokens = new TrackingToken("0123456789abcdef0123456789abcdef-test");

  @Test
  void a_signed_token_names_its_message_and_link() {
    String token = tokens.sign(42, "offer");
    assertThat(tokens.verify(token)).hasValue(new TrackingToken.Claim(42, "offer"));
    assertThat(token).matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
  }

  @Test
  void a_token_pointed_at_another_message_or_signed_elsewhere_is_refused() {
    String token = tokens.sign(42, "offer");
    String otherPayload = tokens.sign(43, "offer").split("\\.")[0] + "." + token.split("\\.")[1];
    assertThat(tokens.verify(otherPayload)).isEmpty();
    assertThat(new TrackingToken("another-secret-another-secret-another").verify(token)).isEmpty();
    assertThat(tokens.verify(token.substring(0, token.length() - 2))).isEmpty();
  }

  @Test
  void a_token_has_one_spelling_only() {
    String token = tokens.sign(42, "offer");
    String signature = token.split("\\.")[1];
    // the last character of a 16-byte signature carries 2 bits; its 4 spare bits must stay zero
    char last = signature.charAt(signature.length() - 1);
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    String spare =
        signature.substring(0, signature.length() - 1)
            + alphabet.charAt(alphabet.indexOf(last) + 1);
    assertThat(Base64.getUrlDecoder().decode(spare))
        .as("Java's own decoder takes the other spelling")
        .isEqualTo(Base64.getUrlDecoder().decode(signature));
    assertThat(tokens.verify(token.split("\\.")[0] + "." + spare)).isEmpty();
    assertThat(tokens.verify(token + "==")).isEmpty();
    assertThat(tokens.verify(token.split("\\.")[0] + "==." + signature)).isEmpty();
    assertThat(tokens.verify(token)).isPresent();
  }

  @Test
  void garbage_is_refused_without_an_exception() {
    assertThat(tokens.verify(null)).isEmpty();
    assertThat(tokens.verify("")).isEmpty();
    assertThat(tokens.verify("no-dot")).isEmpty();
    assertThat(tokens.verify("a.b.c")).isEmpty();
    assertThat(tokens.verify("!!!.???")).isEmpty();
    assertThat(tokens.verify("x".repeat(500))).isEmpty();
  }

  @Test
  void a_short_secret_is_refused() {
    assertThatThrownBy(() -> new TrackingToken("short"))
        .hasMessageContaining("HUB_TRACKING_SECRET");
  }

  @Test
  void a_token_for_one_purpose_is_no_token_for_another() {
    TrackingToken clicks = new TrackingToken("0123456789abcdef0123456789abcdef");
    TrackingToken unsubscribes = clicks.forPurpose(TrackingToken.UNSUBSCRIBE);
    String unsubscribe = unsubscribes.sign(42, "email");
    assertThat(unsubscribes.verify(unsubscribe)).hasValue(new TrackingToken.Claim(42, "email"));
    assertThat(clicks.verify(unsubscribe)).isEmpty();
    assertThat(unsubscribes.verify(clicks.sign(42, "email"))).isEmpty();
    // the same secret derives the same key in every instance of the hub
    assertThat(
            new TrackingToken("0123456789abcdef0123456789abcdef")
                .forPurpose(TrackingToken.UNSUBSCRIBE)
                .verify(unsubscribe))
        .isPresent();
  }
}
