package io.jobdeck.security.ui;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.AccessDeniedException;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.ErrorParameter;
import com.vaadin.flow.router.HasErrorParameter;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.server.HttpStatusCode;
import com.vaadin.flow.server.auth.AnonymousAllowed;

/**
 * What a logged-in user sees on a page their role does not open (say, a viewer typing {@code /audit}): a plain
 * "not allowed" with a way back, instead of Vaadin's "Could not navigate to ...". The server refuses the view itself;
 * this is only the answer. The status is 403.
 */
@PageTitle("Jobdeck")
@AnonymousAllowed
class AccessDeniedView extends VerticalLayout implements HasErrorParameter<AccessDeniedException> {

    AccessDeniedView() {
        setId("access-denied");
        setPadding(true);
    }

    @Override
    public int setErrorParameter(BeforeEnterEvent event, ErrorParameter<AccessDeniedException> parameter) {
        removeAll();
        H2 title = new H2(getTranslation("access.denied.title"));
        title.getStyle().set("margin", "0");
        // A full page load home: the start page is another module's view, so it is named by its URL.
        Anchor home = new Anchor(".", getTranslation("access.denied.home"));
        home.setId("access-denied-home");
        add(title, new Paragraph(getTranslation("access.denied.text")), home);
        return HttpStatusCode.FORBIDDEN.getCode();
    }
}
