package io.jobdeck.e2e;

import com.microsoft.playwright.Page;
import java.util.List;
import java.util.Map;

/** Reads what a Vaadin grid shows in the browser: one map per visible body row, from column header to cell text. */
final class GridRows {

    private static final String READ = """
            selector => {
              const grid = document.querySelector(selector);
              if (!grid || !grid.shadowRoot) return [];
              const text = cell => {
                const slot = cell.querySelector('slot');
                const contents = slot ? slot.assignedElements({flatten: true}) : [];
                return contents.map(c => c.innerText.trim()).join(' ');
              };
              const shown = cell => !cell.hidden && getComputedStyle(cell).display !== 'none';
              const header = grid.shadowRoot.querySelector('thead#header > tr:last-of-type');
              const names = [...header.querySelectorAll(':scope > th')].filter(shown).map(text);
              return [...grid.shadowRoot.querySelectorAll('tbody#items > tr')]
                .filter(row => !row.hidden)
                .map(row => {
                  const cells = [...row.querySelectorAll(':scope > td')].filter(shown).map(text);
                  return Object.fromEntries(names.map((name, i) => [name, cells[i] ?? '']));
                });
            }""";

    private GridRows() {}

    @SuppressWarnings("unchecked")
    static List<Map<String, String>> read(Page page, String selector) {
        return (List<Map<String, String>>) page.evaluate(READ, selector);
    }

    /** The row whose "Job" cell starts with {@code job} (the job's name; its group follows on the next line). */
    static Map<String, String> job(Page page, String job) {
        List<Map<String, String>> rows = read(page, "#jobs-grid");
        return rows.stream()
                .filter(row -> name(row).equals(job))
                .findFirst()
                .orElseThrow(() -> new AssertionError("No row for job " + job + " in " + rows));
    }

    static List<String> jobNames(Page page) {
        return read(page, "#jobs-grid").stream().map(GridRows::name).toList();
    }

    private static String name(Map<String, String> row) {
        return row.getOrDefault("Job", "").lines().findFirst().orElse("").strip();
    }

    /** A cell's first line (a time cell's absolute time; its second line is the relative one). */
    static String firstLine(String cell) {
        return cell.lines().findFirst().orElse("");
    }
}
