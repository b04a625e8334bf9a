package io.jobdeck.scheduler.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Migration 5 (registered in {@link QuartzSetup}; Flyway reads the version from the class name). Rewrites job data that Quartz stored as serialized Java objects (before Jobdeck set
 * {@code org.quartz.jobStore.useProperties}) as the string properties Quartz now reads and writes, so that the app
 * never deserializes stored bytes again. Only maps of strings, numbers, booleans and characters are taken, through a
 * filter that refuses every other class; a row holding anything else stops the migration and names its job.
 */
class V5__Job_data_as_properties extends BaseJavaMigration {

    /** Java serialization's stream magic: rows that start otherwise are properties already. */
    private static final int MAGIC = 0xACED;

    private static final Set<String> ALLOWED = Set.of(
            "org.quartz.JobDataMap",
            "org.quartz.utils.StringKeyDirtyFlagMap",
            "org.quartz.utils.DirtyFlagMap",
            "java.util.HashMap",
            "[Ljava.util.Map$Entry;", // HashMap checks its table's size against the filter; no entry object is read
            "java.lang.String",
            "java.lang.Number",
            "java.lang.Long",
            "java.lang.Integer",
            "java.lang.Short",
            "java.lang.Byte",
            "java.lang.Double",
            "java.lang.Float",
            "java.lang.Boolean",
            "java.lang.Character");

    /** Lets through what {@link #ALLOWED} names (and arrays of primitives); remembers what it refused. */
    private static ObjectInputFilter filter(StringBuilder refused) {
        return info -> {
            if (info.depth() > 5 || info.references() > 10_000 || info.streamBytes() > 10_000_000) {
                refused.append("a nesting or size beyond the limits");
                return ObjectInputFilter.Status.REJECTED;
            }
            Class<?> type = info.serialClass();
            if (type == null
                    || type.isPrimitive()
                    || type.isArray() && type.getComponentType().isPrimitive()) {
                return ObjectInputFilter.Status.UNDECIDED;
            }
            if (ALLOWED.contains(type.getName())) {
                return ObjectInputFilter.Status.ALLOWED;
            }
            refused.append(type.getName());
            return ObjectInputFilter.Status.REJECTED;
        };
    }

    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        rewrite(connection, "QRTZ_JOB_DETAILS", "JOB_NAME", "JOB_GROUP");
        rewrite(connection, "QRTZ_TRIGGERS", "TRIGGER_NAME", "TRIGGER_GROUP");
    }

    private static void rewrite(Connection connection, String table, String nameColumn, String groupColumn)
            throws SQLException {
        String select = "SELECT SCHED_NAME, " + nameColumn + ", " + groupColumn + ", JOB_DATA FROM " + table
                + " WHERE JOB_DATA IS NOT NULL";
        String update = "UPDATE " + table + " SET JOB_DATA = ? WHERE SCHED_NAME = ? AND " + nameColumn + " = ? AND "
                + groupColumn + " = ?";
        try (PreparedStatement query = connection.prepareStatement(select);
                ResultSet rows = query.executeQuery();
                PreparedStatement write = connection.prepareStatement(update)) {
            while (rows.next()) {
                byte[] data = rows.getBytes(4);
                if (data == null || data.length < 2 || ((data[0] & 0xff) << 8 | (data[1] & 0xff)) != MAGIC) {
                    continue;
                }
                String what = table + " " + rows.getString(3) + "." + rows.getString(2);
                write.setBytes(1, asProperties(data, what));
                write.setString(2, rows.getString(1));
                write.setString(3, rows.getString(2));
                write.setString(4, rows.getString(3));
                write.executeUpdate();
            }
        }
    }

    static byte[] asProperties(byte[] serialized, String what) {
        Object map;
        StringBuilder refused = new StringBuilder();
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(serialized))) {
            in.setObjectInputFilter(filter(refused));
            map = in.readObject();
        } catch (InvalidClassException e) {
            throw new IllegalStateException("The job data of " + what + " holds objects other than strings, numbers"
                    + " and booleans (" + refused + "); Jobdeck stores job data as strings only. Remove or recreate"
                    + " that job, then start again.");
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalStateException("The job data of " + what + " cannot be read: " + e.getMessage(), e);
        }
        Properties properties = new Properties();
        if (map instanceof Map<?, ?> entries) {
            entries.forEach((k, v) -> {
                if (k != null && v != null) {
                    properties.setProperty(k.toString(), v.toString());
                }
            });
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            properties.store(out, "");
        } catch (IOException impossible) {
            throw new IllegalStateException(impossible);
        }
        return out.toByteArray();
    }
}
