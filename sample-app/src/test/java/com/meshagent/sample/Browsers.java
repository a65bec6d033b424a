package com.meshagent.sample;

import java.io.IOException;
import java.net.URI;
import org.htmlunit.BrowserVersion;
import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlButton;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;

/** HtmlUnit helpers: a browser without JavaScript, and signing in through the devserver's sign-in form. */
final class Browsers {

    private Browsers() {}

    /** A browser that follows redirects and hands back error pages instead of throwing. JavaScript is off. */
    static WebClient htmlUnit() {
        WebClient client = new WebClient(BrowserVersion.CHROME);
        client.getOptions().setJavaScriptEnabled(false);
        client.getOptions().setCssEnabled(false);
        client.getOptions().setThrowExceptionOnFailingStatusCode(false);
        client.getOptions().setRedirectEnabled(true);
        return client;
    }

    /** Opens {@code app}'s sign-in, fills the devserver form with {@code email}/{@code name}, returns where it lands. */
    static HtmlPage signIn(WebClient browser, URI app, String email, String name) throws IOException {
        HtmlPage form = browser.getPage(app + "/meshagent/login?return_to=%2F");
        return submitSignInForm(form, email, name);
    }

    /** Fills and allows the devserver's sign-in form shown on {@code page}. */
    static HtmlPage submitSignInForm(HtmlPage page, String email, String name) throws IOException {
        HtmlForm form = page.getForms().get(0);
        form.getInputByName("email").setValue(email);
        form.getInputByName("name").setValue(name == null ? "" : name);
        HtmlButton allow = form.getButtonByName("allow");
        return allow.click();
    }
}
