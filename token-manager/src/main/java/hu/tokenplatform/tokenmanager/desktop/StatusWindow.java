package hu.tokenplatform.tokenmanager.desktop;

import hu.tokenplatform.tokencrypto.unlock.UnlockCodes;
import hu.tokenplatform.tokenmanager.config.BankServer;
import hu.tokenplatform.tokenmanager.device.DeviceState;
import hu.tokenplatform.tokenmanager.device.DeviceStatus;
import hu.tokenplatform.tokenmanager.device.KeySlot;

import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.swing.JButton;
import javax.swing.JLabel;
import javax.swing.SwingWorker;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

/**
 * What the tray icon's "Status" shows: CSN, state, PIN tries left, the certificates with their holder and expiry,
 * the bank server Token Manager relays logins to and whether it answers, and the step the token needs next.
 */
final class StatusWindow extends TokenWindow {

    private final JLabel csn = value("csn");
    private final JLabel state = value("state");
    private final JLabel tries = value("tries");
    private final JLabel random = value("random");
    private final JLabel randomLabel;
    private final Map<KeySlot, JLabel> certificates = new EnumMap<>(KeySlot.class);
    private final JLabel bank = value("bank");
    private final JLabel reachable = value("reachable");
    private final JButton next;
    private final transient List<BankServer> banks;
    private final transient Clock clock;
    private final transient Consumer<DeviceState> open;
    private final DateTimeFormatter date;
    private DeviceState shownState;

    /** @param open opens the window the token's state calls for (set PIN, change PIN, unlock) */
    StatusWindow(ScreenTexts texts, TokenCalls calls, List<BankServer> banks, Clock clock, Consumer<DeviceState> open) {
        super(texts, calls, "status.title");
        this.banks = banks;
        this.clock = clock;
        this.open = open;
        // English dates as in Britain ("5 March 2027"), not the root locale's "2027 Mar 5".
        Locale dates = texts.locale().getLanguage().isEmpty() ? Locale.UK : texts.locale();
        this.date = DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(dates).withZone(ZoneId.systemDefault());
        randomLabel = DesktopLook.label(texts.text("status.random"));
        Rows rows = new Rows().across(DesktopLook.heading(texts.text("status.heading"))).gap(8)
                .pair(DesktopLook.label(texts.text("status.csn")), csn)
                .pair(DesktopLook.label(texts.text("status.state")), state)
                .pair(DesktopLook.label(texts.text("status.tries")), tries)
                .pair(randomLabel, random);
        for (KeySlot slot : KeySlot.values()) {
            JLabel certificate = value("certificate-" + slot.name());
            certificates.put(slot, certificate);
            rows.pair(DesktopLook.label(texts.text("status.certificate." + slot.name())), certificate);
        }
        rows.gap(6).pair(DesktopLook.label(texts.text("status.bank")), bank)
                .pair(DesktopLook.label(texts.text("status.reachable")), reachable);
        next = button(texts.text("status.open.READY"), "next", () -> open.accept(shownState));
        JButton refresh = button(texts.text("status.refresh"), "refresh", this::refresh);
        JButton close = button(texts.text("action.close"), "close", this::dispose);
        showBody(rows.panel(), close, refresh, next);
        next.setVisible(false);
        randomLabel.setVisible(false);
        refresh();
    }

    private JLabel value(String name) {
        JLabel label = DesktopLook.label("…");
        label.setName(name);
        return label;
    }

    private void refresh() {
        withToken(token -> new Overview(token.status(), token.certificate(KeySlot.LOGIN), token.certificate(KeySlot.SIGNING)),
                this::show, refusal -> {
                    warn(texts.refusal(refusal));
                    state.setText(texts.refusal(refusal));
                });
        probeBank();
    }

    private void show(Overview overview) {
        DeviceStatus status = overview.status();
        tell(" ");
        shownState = status.state();
        csn.setText(UnlockWindow.forDictation(status.csn()));
        state.setText(texts.text("state." + status.state().name()));
        tries.setText(texts.text("status.tries.value", status.pinTriesLeft(), DeviceStatus.MAX_PIN_TRIES));
        random.setText(status.unlockRandom().map(UnlockCodes::forDictation).orElse(""));
        randomLabel.setVisible(status.unlockRandom().isPresent());
        random.setVisible(status.unlockRandom().isPresent());
        describe(KeySlot.LOGIN, overview.login());
        describe(KeySlot.SIGNING, overview.signing());
        String action = "status.open." + status.state().name();
        boolean hasNext = status.state() != DeviceState.BLOCKED;
        next.setVisible(hasNext);
        if (hasNext) {
            DesktopLook.named(next, texts.text(action));
        }
        for (JLabel label : List.of(csn, state, tries, random)) {
            label.getAccessibleContext().setAccessibleName(label.getText());
        }
        pack();
    }

    private void describe(KeySlot slot, Optional<X509Certificate> certificate) {
        JLabel label = certificates.get(slot);
        label.setText(certificate.map(c -> texts.text(c.getNotAfter().toInstant().isBefore(clock.instant())
                        ? "status.certificate.expired" : "status.certificate.value", holder(c), date.format(c.getNotAfter().toInstant())))
                .orElse(texts.text("status.certificate.none")));
        label.getAccessibleContext().setAccessibleName(label.getText());
    }

    /** The certificate's holder as the bank named them (its common name). */
    private static String holder(X509Certificate certificate) {
        try {
            for (Rdn rdn : new LdapName(certificate.getSubjectX500Principal().getName()).getRdns()) {
                if ("CN".equalsIgnoreCase(rdn.getType())) {
                    return rdn.getValue().toString();
                }
            }
        } catch (InvalidNameException e) {
            // fall through to the whole name
        }
        return certificate.getSubjectX500Principal().getName();
    }

    private void probeBank() {
        if (banks.isEmpty()) {
            bank.setText(texts.text("status.bank.none"));
            reachable.setText("–");
            return;
        }
        BankServer server = banks.get(0);
        bank.setText(BankReachability.name(server.relay()));
        reachable.setText(texts.text("status.reachable.checking"));
        new SwingWorker<Boolean, Void>() {
            @Override
            protected Boolean doInBackground() {
                return BankReachability.reachable(server.relay());
            }

            @Override
            protected void done() {
                boolean answered;
                try {
                    answered = get();
                } catch (InterruptedException | ExecutionException e) {
                    answered = false;
                }
                reachable.setText(texts.text(answered ? "status.reachable.yes" : "status.reachable.no"));
                reachable.getAccessibleContext().setAccessibleName(reachable.getText());
                pack();
            }
        }.execute();
    }

    @Override
    protected String getTitleText() {
        return texts.text("status.title");
    }

    private record Overview(DeviceStatus status, Optional<X509Certificate> login, Optional<X509Certificate> signing) {
    }
}
