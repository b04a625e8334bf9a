package io.jobdeck.cluster;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * This process as a node: the id that every record and event it produces carries, and that Quartz uses as its
 * instance id. Unique per process start, also where the host name and pid repeat (a container restarted).
 */
@Component
public class NodeIdentity {

    private final String host;
    private final long pid;
    private final Instant startedAt;
    private final String id;

    NodeIdentity(Clock clock) {
        this.host = hostName();
        this.pid = ProcessHandle.current().pid();
        this.startedAt = clock.instant();
        this.id = host + "-" + pid + "-" + Long.toString(startedAt.toEpochMilli(), 36);
    }

    public String id() {
        return id;
    }

    public String host() {
        return host;
    }

    public long pid() {
        return pid;
    }

    public Instant startedAt() {
        return startedAt;
    }

    private static String hostName() {
        try {
            String name = InetAddress.getLocalHost().getHostName();
            return name.length() > 60 ? name.substring(0, 60) : name;
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
