package io.jobdeck.tokens.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;
import io.jobdeck.security.Role;
import io.jobdeck.support.DisplayText;
import io.jobdeck.support.Errors;
import io.jobdeck.tokens.ApiToken;
import io.jobdeck.tokens.ApiTokens;
import io.jobdeck.tokens.TokenDraft;
import io.jobdeck.ui.Confirm;
import io.jobdeck.ui.Notifications;
import io.jobdeck.ui.Reloader;
import io.jobdeck.ui.UserTime;
import jakarta.annotation.security.PermitAll;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;

/**
 * The user's API tokens: make one (name, role up to theirs, lifetime), see it once, list and revoke. An admin may list
 * and revoke everybody's. The service checks the roles again; reads and changes run in the background, their answers
 * arrive by push.
 */
@Route("tokens")
@PageTitle("Jobdeck · API tokens")
@Menu(title = "nav.tokens", icon = "vaadin:key", order = 9)
@PermitAll
class TokensView extends VerticalLayout {

    private final ApiTokens tokens;
    private final Clock clock;
    private final boolean admin;
    private final TextField name = new TextField();
    private final Select<Role> role = new Select<>();
    private final Select<Integer> days = new Select<>();
    private final Button create = new Button();
    private final Div secretBox = new Div();
    private final TextField secret = new TextField();
    private final Checkbox everybody = new Checkbox();
    private final Grid<ApiToken> grid = new Grid<>();
    private final Paragraph status = new Paragraph();
    private final Grid.Column<ApiToken> ownerColumn;
    private @Nullable Reloader<List<ApiToken>> lists;

    TokensView(ApiTokens tokens, AuthenticationContext auth, Clock clock) {
        this.tokens = tokens;
        this.clock = clock;
        Role own = Role.highestOf(auth.getGrantedAuthorities());
        this.admin = own == Role.ADMIN;
        setSizeFull();

        name.setId("tokens-name");
        name.setLabel(getTranslation("tokens.name"));
        name.setMaxLength(ApiTokens.MAX_NAME);
        name.setPlaceholder(getTranslation("tokens.name.placeholder"));
        role.setId("tokens-role");
        role.setLabel(getTranslation("tokens.role"));
        // The user's own role and those below: the service refuses any other.
        role.setItems(
                Arrays.stream(Role.values()).filter(r -> r.compareTo(own) <= 0).toList());
        role.setItemLabelGenerator(r -> getTranslation("role." + r.name()));
        role.setValue(Role.VIEWER);
        days.setId("tokens-days");
        days.setLabel(getTranslation("tokens.days"));
        days.setItems(ApiTokens.OFFERED_DAYS);
        days.setItemLabelGenerator(d -> getTranslation("tokens.days.value", d));
        days.setValue(90);
        create.setText(getTranslation("tokens.create"));
        create.setId("tokens-create");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.addClickListener(e -> create());
        HorizontalLayout form = new HorizontalLayout(name, role, days, create);
        form.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        form.setWrap(true);

        secret.setId("tokens-secret");
        secret.setReadOnly(true);
        secret.setWidthFull();
        secret.setLabel(getTranslation("tokens.secret"));
        Button copy = new Button(
                getTranslation("tokens.secret.copy"),
                e -> secret.getElement()
                        .executeJs("navigator.clipboard && navigator.clipboard.writeText($0)", secret.getValue()));
        copy.setId("tokens-secret-copy");
        Button done = new Button(getTranslation("tokens.secret.done"), e -> hideSecret());
        done.setId("tokens-secret-done");
        secretBox.setId("tokens-secret-box");
        secretBox.add(new Paragraph(getTranslation("tokens.secret.once")), secret, new HorizontalLayout(copy, done));
        secretBox.setWidthFull();
        secretBox.setVisible(false);

        everybody.setId("tokens-everybody");
        everybody.setLabel(getTranslation("tokens.everybody"));
        everybody.setVisible(admin);
        everybody.addValueChangeListener(e -> reload());

        grid.setId("tokens-list");
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COMPACT);
        grid.addColumn(t -> DisplayText.safe(t.name(), ApiTokens.MAX_NAME))
                .setHeader(getTranslation("tokens.name"))
                .setFlexGrow(2);
        ownerColumn = grid.addColumn(t -> DisplayText.safe(t.owner(), 200))
                .setHeader(getTranslation("tokens.owner"))
                .setAutoWidth(true)
                .setFlexGrow(0);
        ownerColumn.setVisible(false);
        grid.addColumn(t -> getTranslation("role." + t.role().name()))
                .setHeader(getTranslation("tokens.role"))
                .setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(t -> UserTime.format(t.createdAt(), clock.instant()))
                .setHeader(getTranslation("tokens.created"))
                .setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(this::expiry)
                .setHeader(getTranslation("tokens.expires"))
                .setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(t -> t.lastUsedAt() == null
                        ? getTranslation("tokens.never")
                        : UserTime.format(t.lastUsedAt(), clock.instant()))
                .setHeader(getTranslation("tokens.lastUsed"))
                .setAutoWidth(true)
                .setFlexGrow(0);
        grid.addComponentColumn(this::revokeButton)
                .setKey("actions")
                .setHeader(getTranslation("tokens.actions"))
                .setAutoWidth(true)
                .setFlexGrow(0);
        grid.setEmptyStateText(getTranslation("tokens.none"));
        status.setId("tokens-status");
        status.setVisible(false);

        add(
                new H2(getTranslation("tokens.title")),
                new Paragraph(getTranslation("tokens.intro")),
                form,
                secretBox,
                everybody,
                status,
                grid);
        setFlexGrow(1, grid);
    }

    private String expiry(ApiToken token) {
        String when = UserTime.format(token.expiresAt(), clock.instant());
        return token.expired(clock.instant()) ? getTranslation("tokens.expired", when) : when;
    }

    private Button revokeButton(ApiToken token) {
        Button revoke = new Button(getTranslation("tokens.revoke"));
        revoke.setId("tokens-revoke-" + token.id());
        revoke.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR);
        revoke.addClickListener(e -> Confirm.ask(
                "tokens-revoke-dialog",
                getTranslation("tokens.revoke.title", DisplayText.safe(token.name(), ApiTokens.MAX_NAME)),
                getTranslation("tokens.revoke.text"),
                getTranslation("tokens.revoke"),
                () -> revoke(token, revoke)));
        return revoke;
    }

    private void create() {
        name.setInvalid(false);
        role.setInvalid(false);
        days.setInvalid(false);
        Integer lifetime = days.getValue();
        TokenDraft draft = new TokenDraft(
                name.getValue(),
                role.getValue() == null ? Role.VIEWER : role.getValue(),
                lifetime == null ? 0 : lifetime);
        UI ui = UI.getCurrent();
        create.setEnabled(false);
        CompletionStage<ApiTokens.Created> made;
        try {
            made = tokens.create(draft);
        } catch (AccessDeniedException | AuthenticationException refused) {
            create.setEnabled(true);
            Notifications.error(getTranslation("access.denied"));
            return;
        }
        made.whenComplete((created, error) -> ui.access(() -> {
            create.setEnabled(true);
            if (error != null) {
                refused(unwrap(error));
                return;
            }
            name.clear();
            secret.setValue(created.secret());
            secretBox.setVisible(true);
            Notifications.success(getTranslation(
                    "tokens.created.done", DisplayText.safe(created.token().name(), 100)));
            reload();
        }));
    }

    private void refused(Throwable error) {
        if (error instanceof ApiTokens.Refused problem) {
            String message = getTranslation(problem.messageKey(), ApiTokens.MAX_NAME, ApiTokens.MAX_DAYS);
            switch (problem.field()) {
                case "role" -> {
                    role.setErrorMessage(message);
                    role.setInvalid(true);
                }
                case "days" -> {
                    days.setErrorMessage(message);
                    days.setInvalid(true);
                }
                default -> {
                    name.setErrorMessage(message);
                    name.setInvalid(true);
                }
            }
            return;
        }
        Notifications.error(getTranslation("action.failed", Errors.describe(error)));
    }

    /** The secret is gone from the page once its owner says they copied it. */
    private void hideSecret() {
        secret.clear();
        secretBox.setVisible(false);
    }

    private void revoke(ApiToken token, Button button) {
        UI ui = UI.getCurrent();
        button.setEnabled(false);
        CompletionStage<ApiTokens.Revoked> done;
        try {
            done = tokens.revoke(token.id());
        } catch (AccessDeniedException | AuthenticationException refused) {
            button.setEnabled(true);
            Notifications.error(getTranslation("access.denied"));
            return;
        }
        done.whenComplete((revoked, error) -> ui.access(() -> {
            button.setEnabled(true);
            if (error != null) {
                Throwable why = unwrap(error);
                Notifications.error(
                        why instanceof AccessDeniedException
                                ? getTranslation("access.denied")
                                : getTranslation("action.failed", Errors.describe(why)));
                return;
            }
            Notifications.success(getTranslation("tokens.revoked", DisplayText.safe(token.name(), 100)));
            reload();
        }));
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }

    @Override
    protected void onAttach(AttachEvent event) {
        super.onAttach(event);
        lists = new Reloader<>(
                event.getUI(), () -> everybody.getValue() ? tokens.listAll() : tokens.list(), this::show);
        reload();
    }

    private void reload() {
        if (lists != null) {
            lists.request();
        }
    }

    private void show(@Nullable List<ApiToken> list, @Nullable Throwable error) {
        if (error != null || list == null) {
            status.setText(getTranslation("tokens.failed", error == null ? "" : Errors.describe(unwrap(error))));
            status.setVisible(true);
            return;
        }
        status.setVisible(false);
        ownerColumn.setVisible(everybody.getValue());
        grid.setItems(list);
    }
}
