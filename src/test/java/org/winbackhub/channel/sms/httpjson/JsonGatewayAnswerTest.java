package org.winbackhub.channel.sms.httpjson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;
import org.winbackhub.channel.ProviderFailure;
import org.winbackhub.channel.SendFailure.Kind;

class JsonGatewayAnswerTest {

  @Test
  void reads_the_message_id_at_the_configured_pointer() {
    assertThat(
            JsonGatewayAnswer.messageId(
                200,
                "{\"messages\": [{\"id\": \"abc-1\"}]}",
                null,
                JsonGatewayAnswer.pointer("/messages/0/id")))
        .isEqualTo("abc-1");
    assertThat(
            JsonGatewayAnswer.messageId(
                202, "{\"id\": 42}", null, JsonGatewayAnswer.pointer("/id")))
        .isEqualTo("42");
    assertThat(JsonGatewayAnswer.messageId(202, "accepted", null, JsonGatewayAnswer.pointer("/id")))
        .as("accepted, but no id to read")
        .isNull();
  }

  @Test
  void classifies_other_answers_by_their_status() {
    assertThat(kind(429)).isEqualTo(Kind.RETRY);
    assertThat(kind(408)).isEqualTo(Kind.RETRY);
    assertThat(kind(502)).isEqualTo(Kind.RETRY);
    assertThat(kind(504)).isEqualTo(Kind.AMBIGUOUS);
    assertThat(kind(422)).isEqualTo(Kind.PERMANENT);
  }

  @Test
  void a_pointer_that_is_not_one_is_refused_naming_the_parameter() {
    assertThatThrownBy(() -> JsonGatewayAnswer.pointer("messages.0.id"))
        .hasMessageContaining("messageIdPointer");
  }

  private static Kind kind(int status) {
    return catchThrowableOfType(
            ProviderFailure.class,
            () -> JsonGatewayAnswer.messageId(status, "{}", null, JsonGatewayAnswer.pointer("/id")))
        .failure()
        .kind();
  }
}
