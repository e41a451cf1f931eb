// End-to-end conversations: virtual-alexa builds real request envelopes from the committed
// interaction model and posts them to a running `recovery-guide serve`.
//
//   RG_SKILL_URL=http://127.0.0.1:PORT/ RG_LOCALE=en-GB node --test tests/e2e/conversations.mjs
//
// It starts nothing itself; tests/test_e2e_virtual_alexa.py starts the server for each locale.
//
// virtual-alexa quirks (see /work/shared/DESIGN.md section 5):
// * any utterance containing "ask", "open", "tell", "talk to" or "launch", even inside a word
//   ("task"), is sent as a LaunchRequest: such turns go through intend(name, slots);
// * an utterance no sample matches throws instead of reaching AMAZON.FallbackIntent;
// * numbers are not normalised (AMAZON.TIME stays "eight"): send what Alexa would, with intend();
// * requests carry no apiAccessToken or consent token unless a filter() adds them, which is
//   exactly a user who has not granted any permission.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, "..", "..");

let VirtualAlexa;
try {
  ({ VirtualAlexa } = require("virtual-alexa"));
} catch (err) {
  console.error("virtual-alexa is not installed: run `make setup` (npm ci) at the repository root.");
  process.exit(2);
}

const SKILL_URL = process.env.RG_SKILL_URL;
const LOCALE = process.env.RG_LOCALE || "en-US";
if (!SKILL_URL) {
  console.error("RG_SKILL_URL is not set: the URL of a running `recovery-guide serve` (http://127.0.0.1:PORT/).");
  process.exit(2);
}
const MODEL = process.env.RG_MODEL || path.join(REPO, "interaction_models", `${LOCALE}.json`);
if (!fs.existsSync(MODEL)) {
  console.error(`No interaction model at ${MODEL}: run \`make content\`.`);
  process.exit(2);
}

const EMERGENCY = { "en-US": "911", "en-GB": "999", "en-CA": "911", "en-AU": "000", "en-IN": "112" }[LOCALE];
const SEND_OFFER = "Shall I repeat that, or send it to your phone?";

// ---- helpers ---------------------------------------------------------------------------------

function newAlexa() {
  return VirtualAlexa.Builder().interactionModelFile(MODEL).skillURL(SKILL_URL).locale(LOCALE).create();
}

function ssml(reply) {
  return reply?.response?.outputSpeech?.ssml ?? "";
}

// What a person hears, as text: <sub> shows its written form ("911"), every other tag is dropped.
function text(reply) {
  return ssml(reply)
    .replace(/<sub\b[^>]*>([\s\S]*?)<\/sub>/g, "$1")
    .replace(/<[^>]+>/g, " ")
    .replace(/&#(\d+);/g, (_, code) => String.fromCodePoint(Number(code)))
    .replace(/&#x([0-9a-f]+);/gi, (_, code) => String.fromCodePoint(parseInt(code, 16)))
    .replace(/&apos;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, "<").replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ")
    .trim();
}

function firstSentence(reply) {
  const plain = text(reply);
  const m = plain.match(/^.*?[.!?](?=\s|$)/);
  return m ? m[0] : plain;
}

function show(reply) {
  return JSON.stringify(reply?.response ?? reply, null, 1).slice(0, 3000);
}

function assertSpeaks(reply, what) {
  const speech = ssml(reply);
  assert.ok(speech.startsWith("<speak>") && speech.endsWith("</speak>"), `${what}: no SSML speech in ${show(reply)}`);
  return speech;
}

function assertOpen(reply, what) {
  assert.notEqual(reply.response.shouldEndSession, true, `${what}: the session ended: ${show(reply)}`);
}

function assertNotFallback(reply, what) {
  assert.doesNotMatch(text(reply), /didn't catch that|something went wrong/i, `${what}: fallback or error: ${show(reply)}`);
}

function hasPermissionRequest(reply) {
  const directives = reply.response.directives || [];
  const askFor = directives.some((d) => d.type === "Connections.SendRequest" && d.name === "AskFor");
  const card = reply.response.card?.type === "AskForPermissionsConsent";
  return askFor || card;
}

// ---- conversations ---------------------------------------------------------------------------

describe(`Recovery Guide ${LOCALE} through virtual-alexa`, () => {
  it("launch: says what to ask and keeps the session open", async () => {
    const alexa = newAlexa();
    const reply = await alexa.launch();
    assertSpeaks(reply, "launch");
    assert.match(text(reply), /Recovery Guide/, show(reply));
    assert.match(text(reply), /\?$/, `launch should end with a question: ${text(reply)}`);
    assert.ok(reply.response.reprompt?.outputSpeech?.ssml, `launch needs a reprompt: ${show(reply)}`);
    assertOpen(reply, "launch");
    assert.ok(alexa.context().activeSession(), "virtual-alexa should still hold the session");
  });

  it("a question, then tell me more", async () => {
    const alexa = newAlexa();
    await alexa.launch();
    const answer = await alexa.utter("how long does withdrawal last");
    assertSpeaks(answer, "question");
    assert.match(text(answer), /^[A-Z][\w'’ .:-]{1,60}? says /, `the answer should name its source first: ${text(answer)}`);
    assert.match(text(answer), /Want to hear (more|about)/, `the answer should offer more: ${text(answer)}`);
    assertOpen(answer, "question");
    // "tell me more" contains "tell": virtual-alexa would send a LaunchRequest, so intend() it.
    const more = await alexa.intend("TellMeMoreIntent");
    assertSpeaks(more, "tell me more");
    assertNotFallback(more, "tell me more");
    assert.doesNotMatch(text(more), /what you'd like to hear more about/i,
      `the session should remember the question: ${text(more)}`);
    assert.notEqual(text(more), text(answer), "tell me more should say something new");
    assertOpen(more, "tell me more");
  });

  it("a free-form question through the AMAZON.SearchQuery carrier phrases", async () => {
    const alexa = newAlexa();
    const reply = await alexa.utter("what helps with withdrawal symptoms at night");
    assertSpeaks(reply, "free-form question");
    assert.match(text(reply), /^[A-Z][\w'’ .:-]{1,60}? says /, `expected an answer: ${text(reply)}`);
    assertOpen(reply, "free-form question");
  });

  it("crisis: an overdose gets the emergency number in the first sentence", async () => {
    const alexa = newAlexa();
    const reply = await alexa.utter("my friend is not breathing");
    assertSpeaks(reply, "overdose");
    assert.match(firstSentence(reply), new RegExp(`\\b${EMERGENCY}\\b`),
      `first sentence should have ${EMERGENCY}: ${text(reply)}`);
    assert.match(text(reply), /naloxone|narcan/i, `the steps should mention naloxone: ${text(reply)}`);
    assert.match(text(reply), /can't call/i, `should say Alexa cannot call: ${text(reply)}`);
    assertOpen(reply, "overdose");
  });

  it("crisis: recognised in the middle of another conversation and in free-form words", async () => {
    const alexa = newAlexa();
    await alexa.utter("how long does withdrawal last");
    const reply = await alexa.utter("i think my brother overdosed on fentanyl");
    assert.match(firstSentence(reply), new RegExp(`\\b${EMERGENCY}\\b`),
      `first sentence should have ${EMERGENCY}: ${text(reply)}`);
    assertOpen(reply, "overdose mid-conversation");
  });

  it("crisis: a suicidal statement gets the emergency number first and a crisis line", async () => {
    const alexa = newAlexa();
    await alexa.launch();
    const reply = await alexa.utter("i want to end my life");
    assertSpeaks(reply, "suicidal statement");
    assert.match(firstSentence(reply), new RegExp(`\\b${EMERGENCY}\\b`),
      `first sentence should have ${EMERGENCY}: ${text(reply)}`);
    assert.match(text(reply), /alone|support/i, text(reply));
    assertOpen(reply, "suicidal statement");
  });

  it("helpline: numbers read digit by digit, repeat and send-to-phone offered", async () => {
    const alexa = newAlexa();
    const reply = await alexa.utter("give me a helpline number");
    const speech = assertSpeaks(reply, "helpline");
    assert.match(speech, /<sub alias="[a-z ,]+">[0-9 -]+<\/sub>|<say-as interpret-as="(telephone|digits)">/,
      `a number read digit by digit: ${speech}`);
    assert.ok(text(reply).endsWith(SEND_OFFER), `should end with "${SEND_OFFER}": ${text(reply)}`);
    assert.ok(reply.response.card, `the lines should be on a card: ${show(reply)}`);
    assertOpen(reply, "helpline");
    const again = await alexa.utter("repeat");
    assert.equal(text(again), text(reply), "repeat should say the helplines again");
    // No permission granted (and texting may be off): the skill asks for the permission, or says it
    // cannot text and gives the numbers again, spoken or on a card; never the fallback.
    const numbers = [...speech.matchAll(/<sub alias="[^"]*">([^<]+)<\/sub>/g)].map((m) => m[1]);
    const sent = await alexa.utter("send it to my phone");
    assertSpeaks(sent, "send to phone");
    assertNotFallback(sent, "send to phone");
    if (!hasPermissionRequest(sent)) {
      const shown = `${text(sent)} ${sent.response.card?.content ?? ""}`;
      for (const number of numbers) {
        assert.ok(shown.includes(number), `send to phone should repeat ${number}: ${show(sent)}`);
      }
    }
    assertOpen(sent, "send to phone");
  });

  it("affirmation: today's words, the same all day", async () => {
    const alexa = newAlexa();
    const reply = await alexa.utter("give me today's affirmation");
    assertSpeaks(reply, "affirmation");
    assertNotFallback(reply, "affirmation");
    assert.match(text(reply), /affirmation/i, text(reply));
    assert.ok(reply.response.card, `the affirmation should be on a card: ${show(reply)}`);
    assertOpen(reply, "affirmation");
    const again = await alexa.utter("today's affirmation");
    assert.equal(reply.response.card.content, again.response.card.content, "same affirmation twice in one day");
  });

  it("reminder without permission: asks for the reminders permission", async () => {
    const alexa = newAlexa();
    const reply = await alexa.utter("remind me every day");
    assertSpeaks(reply, "reminder");
    assertNotFallback(reply, "reminder");
    assert.ok(hasPermissionRequest(reply), `expected an AskFor directive or consent card: ${show(reply)}`);
    // With a time, as Alexa resolves AMAZON.TIME ("eight in the morning" → "08:00").
    const timed = await newAlexa().intend("ReminderIntent", { time: "08:00" });
    assert.ok(hasPermissionRequest(timed), `expected an AskFor directive or consent card: ${show(timed)}`);
  });

  it("help: what to ask, and the emergency number", async () => {
    const alexa = newAlexa();
    await alexa.launch();
    const reply = await alexa.utter("help");
    assertSpeaks(reply, "help");
    assert.match(text(reply), new RegExp(`\\b${EMERGENCY}\\b`), `help should name ${EMERGENCY}: ${text(reply)}`);
    assertOpen(reply, "help");
  });

  it("stop: says goodbye and ends the session", async () => {
    const alexa = newAlexa();
    await alexa.launch();
    const reply = await alexa.utter("stop");
    assertSpeaks(reply, "stop");
    assert.equal(reply.response.shouldEndSession, true, `stop should end the session: ${show(reply)}`);
    assert.equal(alexa.context().activeSession(), false, "virtual-alexa should have closed the session");
    assert.equal(reply.response.reprompt, undefined, "no reprompt after goodbye");
  });
});
