package io.jobdeck.cluster;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/** The cluster proofs' questions to the database, each about one job group (the statement's only parameter). */
final class GroupRows {

    private GroupRows() {}

    /** The number the statement answers for {@code group}. */
    static long count(Connection db, String sql, String group) throws SQLException {
        try (PreparedStatement s = db.prepareStatement(sql)) {
            s.setString(1, group);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Each row the statement answers for {@code group}, as its columns joined by spaces. */
    static List<String> rows(Connection db, String sql, String group) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (PreparedStatement s = db.prepareStatement(sql)) {
            s.setString(1, group);
            try (ResultSet rs = s.executeQuery()) {
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    StringJoiner row = new StringJoiner(" ");
                    for (int c = 1; c <= columns; c++) {
                        row.add(String.valueOf(rs.getObject(c)));
                    }
                    rows.add(row.toString());
                }
            }
        }
        return rows;
    }
}
