package io.jobdeck;

import com.vaadin.flow.component.dependency.StyleSheet;
import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.component.page.Push;
import com.vaadin.flow.shared.ui.Transport;
import com.vaadin.flow.theme.lumo.Lumo;
import io.jobdeck.security.PasswordHash;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Jobdeck: a browser console that runs a Quartz scheduler. The UI never owns the scheduler; it talks to
 * {@link io.jobdeck.scheduler.SchedulerControl}, and updates arrive by WebSocket push.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@Push(transport = Transport.WEBSOCKET)
@StyleSheet(Lumo.STYLESHEET)
@StyleSheet(Lumo.UTILITY_STYLESHEET)
@StyleSheet("styles/jobdeck.css")
public class Application implements AppShellConfigurator {

    public static void main(String[] args) {
        if (args.length > 0 && "hash-password".equals(args[0])) {
            System.out.println(PasswordHash.fromArgsOrConsole(args));
            return;
        }
        if (args.length > 0 && ("export".equals(args[0]) || "import".equals(args[0]))) {
            // Jobs as code on the command line: no HTTP port, no definitions file; the command exits before the
            // application is ready, so the scheduler never starts.
            // Only errors are logged to the console, so that an export to standard output is the document alone.
            String[] withSettings = java.util.Arrays.copyOf(args, args.length + 3);
            withSettings[args.length] = "--server.port=-1";
            withSettings[args.length + 1] = "--jobdeck.jobs.definitions=";
            withSettings[args.length + 2] = "--logging.threshold.console=error";
            SpringApplication command = new SpringApplication(Application.class);
            command.setLogStartupInfo(false);
            command.run(withSettings);
            return;
        }
        SpringApplication.run(Application.class, args);
    }
}
