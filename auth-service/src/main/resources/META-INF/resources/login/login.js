// The login page's only script (served from this origin; the Content Security Policy allows no inline code).
// It asks Token Manager on this computer to log in with the token (docs/login-protocol.md, section 2); Token
// Manager asks for the PIN in its own window and relays the signed challenge to the bank over mutual TLS. When
// it answers "authenticated", the page finishes the login in this browser session.
(function () {
    "use strict";
    var page = document.getElementById("login");
    var button = document.getElementById("token-login");
    var status = document.getElementById("status");

    function message(code) {
        var item = document.querySelector('#messages li[data-code="' + code + '"]');
        return item ? item.textContent : document.querySelector('#messages li[data-code="failed"]').textContent;
    }

    function show(code, extra) {
        status.textContent = message(code) + (extra ? " " + extra : "");
    }

    function refused(problem) {
        var code = problem && typeof problem.code === "string" ? problem.code : "failed";
        if (code === "bank-refused" && problem.bankCode === "login-transaction-expired") {
            show("expired");
        } else if (code === "wrong-pin" && typeof problem.triesLeft === "number") {
            show(code, "(" + problem.triesLeft + ")");
        } else {
            show(code);
        }
        button.disabled = false;
    }

    button.addEventListener("click", function () {
        button.disabled = true;
        show("waiting");
        fetch(page.dataset.agent + "/v1/token-login", {
            method: "POST",
            mode: "cors",
            credentials: "omit",
            headers: {"Content-Type": "application/json"},
            body: JSON.stringify({
                transactionId: page.dataset.transaction,
                client: page.dataset.client,
                challenge: page.dataset.challenge
            })
        }).then(function (response) {
            return response.json().catch(function () {
                return {};
            }).then(function (body) {
                if (response.ok && body.status === "authenticated") {
                    show("authenticated");
                    document.getElementById("complete").submit();
                } else {
                    refused(body);
                }
            });
        }, function () {
            show("agent-unreachable");
            button.disabled = false;
        });
    });
}());
