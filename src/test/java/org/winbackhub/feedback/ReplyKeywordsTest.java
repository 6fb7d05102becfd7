package org.winbackhub.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.winbackhub.feedback.ReplyKeywords.Intent;

class ReplyKeywordsTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "STOP",
        "stopall",
        "Unsubscribe",
        "cancel",
        "END",
        "quit",
        "BAJA",
        "alto",
        "parar",
        "cancelar",
        "ARRET",
        "Arrêt",
        "arrêt",
        "désabonner",
        "DESABONNER",
        "annulla",
        "cancella",
        "basta",
        "sair",
        "pare",
        "parar"
      })
  void the_stop_words_of_five_languages_opt_out(String word) {
    assertThat(ReplyKeywords.classify(word)).isEqualTo(Intent.OPT_OUT);
  }

  @ParameterizedTest
  @ValueSource(strings = {"HELP", "help", "Ayuda", "aide", "AIUTO", "ajuda", "INFO"})
  void help_words_ask_for_help(String word) {
    assertThat(ReplyKeywords.classify(word)).isEqualTo(Intent.HELP);
  }

  @ParameterizedTest
  @ValueSource(strings = {"START", "start", "Unstop", "yes", "ALTA"})
  void start_words_opt_back_in(String word) {
    assertThat(ReplyKeywords.classify(word)).isEqualTo(Intent.OPT_IN);
  }

  @Test
  void the_keyword_counts_as_the_whole_message_or_its_first_word() {
    assertThat(ReplyKeywords.classify("stop please")).isEqualTo(Intent.OPT_OUT);
    assertThat(ReplyKeywords.classify("  Stop.  ")).isEqualTo(Intent.OPT_OUT);
    assertThat(ReplyKeywords.classify("STOP!!!")).isEqualTo(Intent.OPT_OUT);
    assertThat(ReplyKeywords.classify("¡Baja!")).isEqualTo(Intent.OPT_OUT);
    assertThat(ReplyKeywords.classify("\nARRÊT\n merci")).isEqualTo(Intent.OPT_OUT);
    assertThat(ReplyKeywords.classify("don't stop")).isEqualTo(Intent.OTHER);
    assertThat(ReplyKeywords.classify("please stop")).isEqualTo(Intent.OTHER);
    assertThat(ReplyKeywords.classify("help me stop")).isEqualTo(Intent.HELP);
  }

  @Test
  void words_that_only_start_like_a_keyword_are_not_one() {
    assertThat(ReplyKeywords.classify("stopping by the shop tomorrow")).isEqualTo(Intent.OTHER);
    assertThat(ReplyKeywords.classify("endless thanks")).isEqualTo(Intent.OTHER);
    assertThat(ReplyKeywords.classify("end-of-season sale?")).isEqualTo(Intent.OTHER);
    assertThat(ReplyKeywords.classify("yesterday I bought one")).isEqualTo(Intent.OTHER);
    assertThat(ReplyKeywords.classify("para mañana?")).isEqualTo(Intent.OTHER);
  }

  @Test
  void empty_and_ordinary_replies_are_other() {
    assertThat(ReplyKeywords.classify(null)).isEqualTo(Intent.OTHER);
    assertThat(ReplyKeywords.classify("   ")).isEqualTo(Intent.OTHER);
    assertThat(ReplyKeywords.classify("Thanks, see you soon")).isEqualTo(Intent.OTHER);
    assertThat(ReplyKeywords.classify("!!!")).isEqualTo(Intent.OTHER);
  }

  @Test
  void the_matched_keyword_is_folded() {
    assertThat(ReplyKeywords.keyword("Arrêt svp")).isEqualTo("ARRET");
    assertThat(ReplyKeywords.keyword("hello")).isNull();
  }
}
