package hu.tokenplatform.events;

import hu.tokenplatform.events.data.CallerVerificationFailed;
import hu.tokenplatform.events.data.CertificateIssued;
import hu.tokenplatform.events.data.CertificateRevoked;
import hu.tokenplatform.events.data.CompanyRegistered;
import hu.tokenplatform.events.data.EPinSet;
import hu.tokenplatform.events.data.LoginFailed;
import hu.tokenplatform.events.data.LoginSucceeded;
import hu.tokenplatform.events.data.TokenActivated;
import hu.tokenplatform.events.data.TokenHandedOver;
import hu.tokenplatform.events.data.TokenRevoked;
import hu.tokenplatform.events.data.TokenStockReceived;
import hu.tokenplatform.events.data.UnlockCodeIssued;
import hu.tokenplatform.events.data.UnlockRefused;
import hu.tokenplatform.events.data.UserPasswordLoginDisabled;
import hu.tokenplatform.events.data.UserRegistered;

import java.util.Arrays;
import java.util.Optional;

/** The event catalogue: CloudEvents type name, topic and payload class of every event. */
public enum EventType {

    COMPANY_REGISTERED("company.registered", Topics.REGISTRY_USERS, CompanyRegistered.class),
    USER_REGISTERED("user.registered", Topics.REGISTRY_USERS, UserRegistered.class),
    USER_PASSWORD_LOGIN_DISABLED("user.password-login-disabled", Topics.REGISTRY_USERS, UserPasswordLoginDisabled.class),
    TOKEN_STOCK_RECEIVED("token.stock-received", Topics.REGISTRY_TOKENS, TokenStockReceived.class),
    TOKEN_HANDED_OVER("token.handed-over", Topics.REGISTRY_TOKENS, TokenHandedOver.class),
    TOKEN_ACTIVATED("token.activated", Topics.REGISTRY_TOKENS, TokenActivated.class),
    TOKEN_REVOKED("token.revoked", Topics.REGISTRY_TOKENS, TokenRevoked.class),
    CERTIFICATE_ISSUED("certificate.issued", Topics.REGISTRY_TOKENS, CertificateIssued.class),
    CERTIFICATE_REVOKED("certificate.revoked", Topics.REGISTRY_TOKENS, CertificateRevoked.class),
    UNLOCK_CODE_ISSUED("unlock.code-issued", Topics.UNLOCK_EVENTS, UnlockCodeIssued.class),
    UNLOCK_REFUSED("unlock.refused", Topics.UNLOCK_EVENTS, UnlockRefused.class),
    CALLER_VERIFICATION_FAILED("caller.verification-failed", Topics.UNLOCK_EVENTS, CallerVerificationFailed.class),
    E_PIN_SET("e-pin.set", Topics.UNLOCK_EVENTS, EPinSet.class),
    LOGIN_SUCCEEDED("login.succeeded", Topics.AUTH_LOGINS, LoginSucceeded.class),
    LOGIN_FAILED("login.failed", Topics.AUTH_LOGINS, LoginFailed.class);

    private final String typeName;
    private final String topic;
    private final Class<? extends EventData> dataClass;

    EventType(String typeName, String topic, Class<? extends EventData> dataClass) {
        this.typeName = typeName;
        this.topic = topic;
        this.dataClass = dataClass;
    }

    public String typeName() {
        return typeName;
    }

    public String topic() {
        return topic;
    }

    public Class<? extends EventData> dataClass() {
        return dataClass;
    }

    public static Optional<EventType> byTypeName(String typeName) {
        return Arrays.stream(values()).filter(t -> t.typeName.equals(typeName)).findFirst();
    }
}
