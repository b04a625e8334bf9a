package io.jobdeck.cluster;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * This process as a node. Its {@link #name()} is stable and readable (set with {@code jobdeck.cluster.node-name}, the
 * host name by default) and is what people see; its {@link #id()} is that name plus this start's incarnation, unique per
 * process start also where the name and pid repeat (a container restarted). Every record and event carries the id,
 * and Quartz uses it as its instance id, so a node that died and came back is a new instance whose predecessor's
 * work is recovered, not mistaken for its own.
 */
@Component
public class NodeIdentity {

    private final String name;
    private final String host;
    private final long pid;
    private final Instant startedAt;
    private final String id;

    NodeIdentity(Clock clock, ClusterProperties cluster) {
        this.host = hostName();
        this.name = cluster.nodeName() == null || cluster.nodeName().isBlank() ? host : cluster.nodeName();
        this.pid = ProcessHandle.current().pid();
        this.startedAt = clock.instant();
        this.id = name + "-" + pid + "-" + Long.toString(startedAt.toEpochMilli(), 36);
    }

    /** This start's id: the name, the pid and the start time. */
    public String id() {
        return id;
    }

    /** The readable name, the same across restarts. */
    public String name() {
        return name;
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

    /** The readable name of the node a record or event carries (its id without the incarnation). */
    public static String nameOf(String nodeId) {
        int pidStart = nodeId.lastIndexOf('-', nodeId.lastIndexOf('-') - 1);
        return pidStart <= 0 ? nodeId : nodeId.substring(0, pidStart);
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
