package io.jobdeck.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DisplayTextTest {

    @Test
    void bidi_controls_cannot_reverse_a_name() {
        String reversed = "admin\u202Enimda";
        assertThat(DisplayText.safe(reversed)).isEqualTo("admin\uFFFDnimda").doesNotContain("\u202E");
        assertThat(DisplayText.safe("a\u2066b\u2069c\u200Fd")).isEqualTo("a\uFFFDb\uFFFDc\uFFFDd");
    }

    @Test
    void control_characters_become_spaces_so_a_name_cannot_forge_lines() {
        assertThat(DisplayText.safe("alice\r\nroot")).isEqualTo("alice  root");
    }

    @Test
    void long_text_is_cut_with_a_marker() {
        assertThat(DisplayText.safe("x".repeat(300), 40)).hasSize(40).endsWith("…");
        assertThat(DisplayText.safe("short", 40)).isEqualTo("short");
        assertThat(DisplayText.safe("exactly-10", 10)).isEqualTo("exactly-10");
    }

    @Test
    void ordinary_text_in_any_script_is_left_alone() {
        assertThat(DisplayText.safe("Иван Петров · 東京 · שלום")).isEqualTo("Иван Петров · 東京 · שלום");
    }
}
