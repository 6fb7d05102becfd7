package org.winbackhub.intake.shop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ShopPagesTest {
  static final String BASE = "https://tienda.myshopify.com/admin/api/2024-10/orders.json";

  final List<String> asked = new ArrayList<>();
  final List<Duration> slept = new ArrayList<>();
  final Deque<ShopApi.Response> answers = new ArrayDeque<>();
  final ShopApi api =
      url -> {
        asked.add(url);
        return answers.removeFirst();
      };

  ShopPages pages(int maxWaits) {
    return new ShopPages(
        api, slept::add, maxWaits, Duration.ofSeconds(30), 2, Duration.ofMillis(500));
  }

  static ShopApi.Response ok(String body, String link) {
    return new ShopApi.Response(200, link == null ? Map.of() : Map.of("link", link), body);
  }

  static ShopApi.Response status(int status, String retryAfter) {
    return new ShopApi.Response(
        status,
        retryAfter == null ? Map.of() : Map.of("Retry-After", retryAfter),
        "{\"errors\":\"x\"}");
  }

  @Test
  void should_follow_the_next_link_exactly_as_given_until_there_is_none() {
    String next = BASE + "?limit=250&page_info=eyJsYXN0X2lkIjo0NTA3ODk0Njl9%3D";
    answers.add(ok("p1", "<" + next + ">; rel=\"next\""));
    answers.add(ok("p2", "<" + BASE + "?limit=250&page_info=abc>; rel=\"previous\""));
    List<String> bodies = new ArrayList<>();
    assertThat(pages(3).walk(BASE + "?limit=250", bodies::add)).isEqualTo(2);
    assertThat(bodies).containsExactly("p1", "p2");
    assertThat(asked).containsExactly(BASE + "?limit=250", next);
  }

  @Test
  void should_find_next_among_previous_and_next() {
    String link =
        "<https://s.example/a?page_info=p>; rel=\"previous\", <https://s.example/a?page_info=n>;"
            + " rel=\"next\"";
    assertThat(ShopPages.next(link)).isEqualTo("https://s.example/a?page_info=n");
    assertThat(ShopPages.next("<https://s.example/a?page_info=p>; rel=\"previous\"")).isNull();
    assertThat(ShopPages.next(null)).isNull();
  }

  @Test
  void should_wait_out_a_429_for_its_fractional_retry_after_then_go_on() {
    answers.add(status(429, "2.5"));
    answers.add(status(429, null));
    answers.add(ok("p1", null));
    List<String> bodies = new ArrayList<>();
    pages(3).walk(BASE, bodies::add);
    assertThat(bodies).containsExactly("p1");
    assertThat(slept).containsExactly(Duration.ofMillis(2500), Duration.ofSeconds(2));
    assertThat(asked).hasSize(3);
  }

  @Test
  void should_give_up_after_the_bounded_number_of_429_waits() {
    for (int i = 0; i < 3; i++) {
      answers.add(status(429, "1"));
    }
    assertThatThrownBy(() -> pages(2).walk(BASE, b -> {}))
        .isInstanceOf(ShopApiException.class)
        .hasMessageContaining("429")
        .hasMessageContaining("2 waits");
    assertThat(slept).hasSize(2);
  }

  @Test
  void should_never_wait_longer_than_the_cap_whatever_retry_after_says() {
    assertThat(pages(1).retryAfter("3600")).isEqualTo(Duration.ofSeconds(30));
    assertThat(pages(1).retryAfter("Wed, 21 Oct 2015 07:28:00 GMT"))
        .isEqualTo(Duration.ofSeconds(2));
    assertThat(pages(1).retryAfter("-1")).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void should_retry_a_5xx_with_doubling_pauses_then_fail() {
    answers.add(status(503, null));
    answers.add(status(502, null));
    answers.add(status(500, null));
    assertThatThrownBy(() -> pages(3).walk(BASE, b -> {}))
        .isInstanceOf(ShopApiException.class)
        .hasMessageContaining("500");
    assertThat(slept).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1));
  }

  @Test
  void should_recover_from_one_5xx() {
    answers.add(status(503, null));
    answers.add(ok("p1", null));
    List<String> bodies = new ArrayList<>();
    pages(3).walk(BASE, bodies::add);
    assertThat(bodies).containsExactly("p1");
  }

  @Test
  void should_stop_at_once_on_a_refused_token_without_echoing_the_query() {
    answers.add(status(401, null));
    assertThatThrownBy(() -> pages(3).walk(BASE + "?updated_at_min=2024-01-01", b -> {}))
        .hasMessageContaining("401")
        .hasMessageContaining("access token")
        .hasMessageNotContaining("updated_at_min");
    assertThat(slept).isEmpty();
  }

  @Test
  void should_refuse_a_next_link_to_another_host_so_the_token_stays_home() {
    answers.add(
        ok("p1", "<https://evil.example/admin/api/2024-10/orders.json?page_info=x>; rel=\"next\""));
    assertThatThrownBy(() -> pages(3).walk(BASE, b -> {})).hasMessageContaining("another host");
    assertThat(asked).hasSize(1);
  }
}
