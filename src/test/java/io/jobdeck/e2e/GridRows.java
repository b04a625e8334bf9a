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

    /** Marks the selection checkbox of the row whose actions are for {@code job} ({@code group.name}). */
    private static final String MARK_CHECKBOX = """
            job => {
              const grid = document.querySelector('#jobs-grid');
              const actions = document.querySelector(`#jobs-grid .jobdeck-row-actions[data-job="${job}"]`);
              if (!grid || !actions) return false;
              const content = actions.closest('vaadin-grid-cell-content');
              const cell = [...grid.shadowRoot.querySelectorAll('tbody#items td')]
                .find(td => td.querySelector('slot')?.name === content.slot);
              const first = cell?.parentElement.querySelector(':scope > td slot');
              const checkbox = first && grid.querySelector(`vaadin-grid-cell-content[slot="${first.name}"] vaadin-checkbox`);
              if (!checkbox) return false;
              document.querySelectorAll('[data-test-select]').forEach(e => e.removeAttribute('data-test-select'));
              checkbox.setAttribute('data-test-select', job);
              return true;
            }""";

    private GridRows() {}

    /** Ticks the selection checkbox of the job's row, with a real click. */
    static void select(Page page, String job) {
        page.waitForFunction(MARK_CHECKBOX, job); // once the row is rendered
        page.locator("[data-test-select='" + job + "']").click();
    }

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
