package io.jobdeck.tokens.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import io.jobdeck.security.ApiTokenCheck;
import io.jobdeck.security.Role;
import io.jobdeck.testing.As;
import io.jobdeck.testing.Isolated;
import io.jobdeck.testing.JobdeckApp;
import io.jobdeck.testing.Views;
import io.jobdeck.tokens.ApiToken;
import io.jobdeck.tokens.ApiTokens;
import io.jobdeck.tokens.TokenDraft;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The tokens page as a user meets it: a new token shown once, then only listed; revoked with a confirmation. */
@SpringBootTest
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@WithMockUser(
        username = "operator",
        roles = {"VIEWER", "OPERATOR"})
class TokensViewTest extends SpringBrowserlessTest {

    static final Path DATA = JobdeckApp.newDataDir();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        Isolated.quietApp(registry, DATA);
        registry.add("spring.quartz.scheduler-name", () -> "jobdeck-tokens-view-test");
    }

    @Autowired
    ApiTokens tokens;

    @Autowired
    ApiTokenCheck check;

    @Test
    @SuppressWarnings("unchecked")
    void a_new_token_is_shown_once_and_then_only_listed_without_its_secret() {
        navigate(TokensView.class);
        Select<Role> role = find(Select.class).id("tokens-role");
        assertThat(role.getListDataView().getItems())
                .as("no role above the user's own")
                .containsExactly(Role.VIEWER, Role.OPERATOR);

        test(text("tokens-name")).setValue("ci-deploy");
        test(role).selectItem("Operator");
        test(find(Button.class).id("tokens-create")).click();

        Views.awaitView(() -> assertThat(notifications()).contains("Token ci-deploy created"));
        String secret = text("tokens-secret").getValue();
        assertThat(secret).startsWith("jdk_");
        assertThat(check.check(secret)).contains(new ApiTokenCheck.Grant("operator", "ci-deploy", Role.OPERATOR));
        Views.awaitView(() -> assertThat(rows()).extracting(ApiToken::name).contains("ci-deploy"));

        test(find(Button.class).id("tokens-secret-done")).click();
        assertThat(secretShown()).as("gone once copied").isFalse();
        navigate(TokensView.class);
        Views.awaitView(() -> assertThat(rows()).extracting(ApiToken::name).contains("ci-deploy"));
        assertThat(find(TextField.class).all()).extracting(TextField::getValue).doesNotContain(secret);
        assertThat(secretShown()).isFalse();
    }

    @Test
    void a_nameless_token_is_refused_next_to_its_field() throws Exception {
        navigate(TokensView.class);
        test(text("tokens-name")).setValue(" ");
        test(find(Button.class).id("tokens-create")).click();

        Views.awaitView(() -> assertThat(text("tokens-name").isInvalid()).isTrue());
        assertThat(text("tokens-name").getErrorMessage()).isEqualTo("Give the token a name");
        assertThat(secretShown()).isFalse();
        assertThat(find(Checkbox.class).withId("tokens-everybody").exists())
                .as("only admins see everybody's")
                .isFalse();
    }

    @Test
    void revoking_asks_first_then_the_token_stops_working_and_leaves_the_list() throws Exception {
        String secret = As.call(
                        Role.OPERATOR,
                        () -> tokens.create(new TokenDraft("laptop", Role.VIEWER, 7))
                                .toCompletableFuture()
                                .get(10, TimeUnit.SECONDS))
                .secret();
        navigate(TokensView.class);
        Views.awaitView(() -> assertThat(rows()).extracting(ApiToken::name).contains("laptop"));
        int row = rows().stream().map(ApiToken::name).toList().indexOf("laptop");

        @SuppressWarnings("unchecked")
        Grid<ApiToken> grid = find(Grid.class).id("tokens-list");
        Button revoke = (Button) test(grid).getCellComponent(row, "actions");
        assertThat(revoke.getId()).contains("tokens-revoke-" + rows().get(row).id());
        test(revoke).click();
        assertThat(check.check(secret)).as("not before the confirmation").isPresent();
        test(find(Button.class).id("tokens-revoke-dialog-confirm")).click();

        Views.awaitView(() -> assertThat(notifications()).contains("Token laptop revoked"));
        assertThat(check.check(secret)).isEmpty();
        Views.awaitView(() -> assertThat(rows()).extracting(ApiToken::name).doesNotContain("laptop"));
    }

    @SuppressWarnings("unchecked")
    private List<ApiToken> rows() {
        Grid<ApiToken> grid = find(Grid.class).id("tokens-list");
        return grid.getListDataView().getItems().toList();
    }

    private boolean secretShown() {
        return find(Div.class).withId("tokens-secret-box").exists();
    }

    private TextField text(String id) {
        return find(TextField.class).id(id);
    }

    private List<String> notifications() {
        return find(Notification.class).all().stream()
                .filter(Notification::isOpened)
                .map(n -> test(n).getText())
                .toList();
    }
}
