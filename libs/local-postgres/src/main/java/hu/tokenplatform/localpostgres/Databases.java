package hu.tokenplatform.localpostgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import java.util.regex.Pattern;

/** Creates the platform's databases on a PostgreSQL server over JDBC, so that no psql client is needed. */
public final class Databases {

    /** A plain lower-case identifier: the names go into CREATE DATABASE, which takes no parameters. */
    private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private Databases() {
    }

    /**
     * Creates each named database that does not exist yet, connected to database {@code postgres} as {@code user}
     * ({@code password} empty for trust).
     *
     * @return the names created, in the given order
     * @throws IllegalArgumentException for a name that is not a plain lower-case identifier
     */
    public static List<String> createIfMissing(String host, int port, String user, String password,
                                               Collection<String> names) throws SQLException {
        for (String name : names) {
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("a database name must match " + NAME + ": " + name);
            }
        }
        List<String> created = new ArrayList<>();
        try (Connection connection = connect(host, port, user, password, "postgres");
             PreparedStatement exists = connection.prepareStatement("select 1 from pg_database where datname = ?");
             Statement create = connection.createStatement()) {
            for (String name : names) {
                exists.setString(1, name);
                try (ResultSet row = exists.executeQuery()) {
                    if (row.next()) {
                        continue;
                    }
                }
                create.execute("create database \"" + name + "\"");
                created.add(name);
            }
        }
        return created;
    }

    /** A connection by the driver itself (no DriverManager), failing within seconds when nothing answers. */
    public static Connection connect(String host, int port, String user, String password, String database)
            throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        if (password != null && !password.isEmpty()) {
            properties.setProperty("password", password);
        }
        properties.setProperty("connectTimeout", "5");
        properties.setProperty("loginTimeout", "10");
        Connection connection = new org.postgresql.Driver()
                .connect("jdbc:postgresql://" + host + ":" + port + "/" + database, properties);
        if (connection == null) {
            throw new SQLException("the PostgreSQL driver did not accept " + host + ":" + port);
        }
        return connection;
    }
}
