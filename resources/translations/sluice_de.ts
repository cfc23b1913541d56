<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>ConversationSettingsDialog</name>
    <message>
        <source>Conversation Settings</source>
        <translation>Unterhaltungseinstellungen</translation>
    </message>
    <message>
        <source>&amp;System prompt</source>
        <translation>&amp;System-Prompt</translation>
    </message>
    <message>
        <source>System prompt</source>
        <translation>System-Prompt</translation>
    </message>
    <message>
        <source>You are a helpful assistant.</source>
        <translation>Du bist ein hilfreicher Assistent.</translation>
    </message>
    <message>
        <source>&amp;Temperature</source>
        <translation>&amp;Temperatur</translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation>Temperatur</translation>
    </message>
    <message>
        <source>Higher values give more varied replies. The lowest step uses the server&apos;s default.</source>
        <translation>Höhere Werte ergeben abwechslungsreichere Antworten. Die niedrigste Stufe verwendet die Voreinstellung des Servers.</translation>
    </message>
    <message>
        <source>Server default</source>
        <translation>Voreinstellung des Servers</translation>
    </message>
    <message>
        <source>&amp;Context size</source>
        <translation>Kontext&amp;größe</translation>
    </message>
    <message>
        <source>Context size</source>
        <translation>Kontextgröße</translation>
    </message>
    <message>
        <source>How many tokens the model keeps in mind (Ollama&apos;s num_ctx).</source>
        <translation>Wie viele Token das Modell im Gedächtnis behält (num_ctx von Ollama).</translation>
    </message>
    <message>
        <source> tokens</source>
        <translation> Token</translation>
    </message>
    <message>
        <source>&amp;Max reply tokens</source>
        <translation>&amp;Max. Token pro Antwort</translation>
    </message>
    <message>
        <source>Maximum reply tokens</source>
        <translation type="vanished">Maximale Token pro Antwort</translation>
    </message>
    <message>
        <source>T&amp;hinking</source>
        <translation>Denkpro&amp;zess</translation>
    </message>
    <message>
        <source>Thinking</source>
        <translation>Denkprozess</translation>
    </message>
    <message>
        <source>For models that can reason before answering.</source>
        <translation>Für Modelle, die vor dem Antworten nachdenken können.</translation>
    </message>
    <message>
        <source>Max reply tokens</source>
        <translation>Max. Token pro Antwort</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Sluice</source>
        <translation>Sluice</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>The server that answers</source>
        <translation>Der Server, der antwortet</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>The model that answers in this conversation</source>
        <translation>Das Modell, das in dieser Unterhaltung antwortet</translation>
    </message>
    <message>
        <source>Refresh models</source>
        <translation>Modelle aktualisieren</translation>
    </message>
    <message>
        <source>Ask the server for its models again</source>
        <translation>Den Server erneut nach seinen Modellen fragen</translation>
    </message>
    <message>
        <source>⟳</source>
        <translation>⟳</translation>
    </message>
    <message>
        <source>Conversation settings</source>
        <translation type="vanished">Unterhaltungseinstellungen</translation>
    </message>
    <message>
        <source>System prompt, temperature, context size, max tokens, thinking</source>
        <translation>System-Prompt, Temperatur, Kontextgröße, max. Token, Denkprozess</translation>
    </message>
    <message>
        <source>⚙  Chat settings</source>
        <translation>⚙  Chat-Einstellungen</translation>
    </message>
    <message>
        <source>Try Again</source>
        <translation>Erneut versuchen</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Erneut versuchen</translation>
    </message>
    <message>
        <source>Open Settings</source>
        <translation>Einstellungen öffnen</translation>
    </message>
    <message>
        <source>Open settings</source>
        <translation>Einstellungen öffnen</translation>
    </message>
    <message>
        <source>Editing a sent message — later messages will be replaced. Enter resends, Esc cancels.</source>
        <translation>Eine gesendete Nachricht wird bearbeitet – spätere Nachrichten werden ersetzt. Enter sendet erneut, Esc bricht ab.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Cancel editing</source>
        <translation>Bearbeiten abbrechen</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Senden</translation>
    </message>
    <message>
        <source>Send the message (Enter)</source>
        <translation>Nachricht senden (Enter)</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Conversation</source>
        <translation>&amp;Unterhaltung</translation>
    </message>
    <message>
        <source>&amp;New Chat</source>
        <translation>&amp;Neuer Chat</translation>
    </message>
    <message>
        <source>Ctrl+N</source>
        <translation type="vanished">Ctrl+N</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>Ein&amp;stellungen …</translation>
    </message>
    <message>
        <source>Ctrl+,</source>
        <translation type="vanished">Ctrl+,</translation>
    </message>
    <message>
        <source>&amp;Import Conversation…</source>
        <translation>Unterhaltung &amp;importieren …</translation>
    </message>
    <message>
        <source>Import a conversation exported as JSON</source>
        <translation>Eine als JSON exportierte Unterhaltung importieren</translation>
    </message>
    <message>
        <source>&amp;Export Conversation…</source>
        <translation>Unterhaltung &amp;exportieren …</translation>
    </message>
    <message>
        <source>Save this conversation as Markdown or JSON</source>
        <translation>Diese Unterhaltung als Markdown oder JSON speichern</translation>
    </message>
    <message>
        <source>Ctrl+Shift+S</source>
        <translation type="vanished">Ctrl+Shift+S</translation>
    </message>
    <message>
        <source>&amp;Models…</source>
        <translation>&amp;Modelle …</translation>
    </message>
    <message>
        <source>Download, load and remove the models of this Ollama server</source>
        <translation>Die Modelle dieses Ollama-Servers herunterladen, laden und entfernen</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>Ctrl+Q</source>
        <translation type="vanished">Ctrl+Q</translation>
    </message>
    <message>
        <source>&amp;Stop</source>
        <translation>&amp;Anhalten</translation>
    </message>
    <message>
        <source>Esc</source>
        <translation type="vanished">Esc</translation>
    </message>
    <message>
        <source>&amp;Regenerate Reply</source>
        <translation>Antwort neu &amp;erzeugen</translation>
    </message>
    <message>
        <source>Ctrl+R</source>
        <translation type="vanished">Ctrl+R</translation>
    </message>
    <message>
        <source>&amp;Copy Last Reply</source>
        <translation>Letzte Antwort &amp;kopieren</translation>
    </message>
    <message>
        <source>Ctrl+Shift+C</source>
        <translation type="vanished">Ctrl+Shift+C</translation>
    </message>
    <message>
        <source>&amp;Focus Message Box</source>
        <translation>Eingabefeld &amp;fokussieren</translation>
    </message>
    <message>
        <source>Ctrl+L</source>
        <translation type="vanished">Ctrl+L</translation>
    </message>
    <message>
        <source>Conversation Se&amp;ttings…</source>
        <translation>Unterhaltungseins&amp;tellungen …</translation>
    </message>
    <message>
        <source>Ctrl+Shift+,</source>
        <translation type="vanished">Ctrl+Shift+,</translation>
    </message>
    <message>
        <source>Refresh &amp;Models</source>
        <translation>&amp;Modelle aktualisieren</translation>
    </message>
    <message>
        <source>F5</source>
        <translation type="vanished">F5</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>&amp;Gehe zu</translation>
    </message>
    <message>
        <source>Choose &amp;Model…</source>
        <translation>Modell aus&amp;wählen …</translation>
    </message>
    <message>
        <source>Open the list of models</source>
        <translation>Die Modellliste öffnen</translation>
    </message>
    <message>
        <source>&amp;Search Conversations</source>
        <translation>Unterhaltungen &amp;durchsuchen</translation>
    </message>
    <message>
        <source>&amp;Next Conversation</source>
        <translation>&amp;Nächste Unterhaltung</translation>
    </message>
    <message>
        <source>&amp;Previous Conversation</source>
        <translation>&amp;Vorherige Unterhaltung</translation>
    </message>
    <message>
        <source>Chat settings</source>
        <translation>Chat-Einstellungen</translation>
    </message>
</context>
<context>
    <name>ModelsDialog</name>
    <message>
        <source>Models</source>
        <translation>Modelle</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <source>Refresh the model list</source>
        <translation>Die Modellliste aktualisieren</translation>
    </message>
    <message>
        <source>Installed models</source>
        <translation>Installierte Modelle</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>Model details</source>
        <translation>Modelldetails</translation>
    </message>
    <message>
        <source>Context length:</source>
        <translation>Kontextlänge:</translation>
    </message>
    <message>
        <source>Context length</source>
        <translation>Kontextlänge</translation>
    </message>
    <message>
        <source>Capabilities:</source>
        <translation>Fähigkeiten:</translation>
    </message>
    <message>
        <source>Capabilities</source>
        <translation>Fähigkeiten</translation>
    </message>
    <message>
        <source>Template, parameters and license</source>
        <translation>Vorlage, Parameter und Lizenz</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>Parameter</translation>
    </message>
    <message>
        <source>Template</source>
        <translation>Vorlage</translation>
    </message>
    <message>
        <source>License</source>
        <translation>Lizenz</translation>
    </message>
    <message>
        <source>&amp;Load</source>
        <translation>&amp;Laden</translation>
    </message>
    <message>
        <source>Load the selected model into memory</source>
        <translation>Das ausgewählte Modell in den Speicher laden</translation>
    </message>
    <message>
        <source>&amp;Unload</source>
        <translation>&amp;Entladen</translation>
    </message>
    <message>
        <source>Unload the selected model from memory</source>
        <translation>Das ausgewählte Modell aus dem Speicher entladen</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>Lö&amp;schen …</translation>
    </message>
    <message>
        <source>Delete the selected model</source>
        <translation>Das ausgewählte Modell löschen</translation>
    </message>
    <message>
        <source>Pull a model</source>
        <translation>Modell herunterladen</translation>
    </message>
    <message>
        <source>Name of the model to pull</source>
        <translation>Name des herunterzuladenden Modells</translation>
    </message>
    <message>
        <source>Model name, e.g. llama3.2:3b</source>
        <translation>Modellname, z. B. llama3.2:3b</translation>
    </message>
    <message>
        <source>&amp;Pull</source>
        <translation>&amp;Herunterladen</translation>
    </message>
    <message>
        <source>Pull the model</source>
        <translation>Das Modell herunterladen</translation>
    </message>
    <message>
        <source>&amp;Cancel pull</source>
        <translation>Herunterladen a&amp;bbrechen</translation>
    </message>
    <message>
        <source>Cancel the pull</source>
        <translation>Das Herunterladen abbrechen</translation>
    </message>
    <message>
        <source>Pull progress</source>
        <translation>Fortschritt des Herunterladens</translation>
    </message>
    <message>
        <source>Pull status</source>
        <translation>Status des Herunterladens</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
</context>
<context>
    <name>ProviderEditor</name>
    <message>
        <source>Provider settings</source>
        <translation>Anbietereinstellungen</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>Provider name</source>
        <translation type="vanished">Name des Anbieters</translation>
    </message>
    <message>
        <source>&amp;Type:</source>
        <translation>&amp;Typ:</translation>
    </message>
    <message>
        <source>Protocol type</source>
        <translation>Protokolltyp</translation>
    </message>
    <message>
        <source>Base &amp;URL:</source>
        <translation>Basis-&amp;URL:</translation>
    </message>
    <message>
        <source>http://localhost:11434</source>
        <translation>http://localhost:11434</translation>
    </message>
    <message>
        <source>Base URL</source>
        <translation>Basis-URL</translation>
    </message>
    <message>
        <source>Base URL status</source>
        <translation>Status der Basis-URL</translation>
    </message>
    <message>
        <source>Use this type</source>
        <translation>Diesen Typ verwenden</translation>
    </message>
    <message>
        <source>Use the suggested type</source>
        <translation>Den vorgeschlagenen Typ verwenden</translation>
    </message>
    <message>
        <source>API &amp;key:</source>
        <translation>API-&amp;Schlüssel:</translation>
    </message>
    <message>
        <source>Key, or $ENVIRONMENT_VARIABLE</source>
        <translation>Schlüssel oder $UMGEBUNGSVARIABLE</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>API-Schlüssel</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Anzeigen</translation>
    </message>
    <message>
        <source>Show the API key</source>
        <translation>Den API-Schlüssel anzeigen</translation>
    </message>
    <message>
        <source>API key status</source>
        <translation>Status des API-Schlüssels</translation>
    </message>
    <message>
        <source>Extra &amp;headers:</source>
        <translation>Zusätzliche &amp;Header:</translation>
    </message>
    <message>
        <source>Extra headers</source>
        <translation>Zusätzliche Header</translation>
    </message>
    <message>
        <source>Header</source>
        <translation>Header</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Add header</source>
        <translation>Header hinzufügen</translation>
    </message>
    <message>
        <source>Add a header</source>
        <translation>Einen Header hinzufügen</translation>
    </message>
    <message>
        <source>Remove header</source>
        <translation>Header entfernen</translation>
    </message>
    <message>
        <source>Remove the selected header</source>
        <translation>Den ausgewählten Header entfernen</translation>
    </message>
    <message>
        <source>Options:</source>
        <translation>Optionen:</translation>
    </message>
    <message>
        <source>&amp;Stream answers</source>
        <translation>Antworten st&amp;reamen</translation>
    </message>
    <message>
        <source>Stream answers</source>
        <translation>Antworten streamen</translation>
    </message>
    <message>
        <source>Allow HTTP/&amp;2</source>
        <translation>HTTP/&amp;2 erlauben</translation>
    </message>
    <message>
        <source>Allow HTTP/2</source>
        <translation>HTTP/2 erlauben</translation>
    </message>
    <message>
        <source>Switch off if replies through a proxy never finish</source>
        <translation>Ausschalten, wenn Antworten über einen Proxy nie fertig werden</translation>
    </message>
    <message>
        <source>Watchdog limits (0 = off)</source>
        <translation>Zeitlimits (0 = aus)</translation>
    </message>
    <message>
        <source>Watchdog limits</source>
        <translation>Zeitlimits</translation>
    </message>
    <message>
        <source>Co&amp;nnect (default 10 s):</source>
        <translation>&amp;Verbindungsaufbau (Standard 10 s):</translation>
    </message>
    <message>
        <source>Connect timeout</source>
        <translation>Zeitlimit für den Verbindungsaufbau</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>Aus</translation>
    </message>
    <message>
        <source>&amp;First token (default 120 s):</source>
        <translation>&amp;Erstes Token (Standard 120 s):</translation>
    </message>
    <message>
        <source>First token timeout</source>
        <translation>Zeitlimit bis zum ersten Token</translation>
    </message>
    <message>
        <source>Model &amp;load (default 300 s):</source>
        <translation>Modell &amp;laden (Standard 300 s):</translation>
    </message>
    <message>
        <source>Model load timeout</source>
        <translation>Zeitlimit für das Laden des Modells</translation>
    </message>
    <message>
        <source>&amp;Idle (default 60 s):</source>
        <translation>&amp;Inaktivität (Standard 60 s):</translation>
    </message>
    <message>
        <source>Idle timeout</source>
        <translation>Zeitlimit bei Inaktivität</translation>
    </message>
    <message>
        <source>T&amp;otal (default off):</source>
        <translation>&amp;Gesamt (Standard aus):</translation>
    </message>
    <message>
        <source>Total timeout</source>
        <translation>Gesamtzeitlimit</translation>
    </message>
    <message>
        <source>Reset to defaults</source>
        <translation>Auf Standardwerte zurücksetzen</translation>
    </message>
    <message>
        <source>Reset the limits to their defaults</source>
        <translation>Die Zeitlimits auf ihre Standardwerte zurücksetzen</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>Modelle</translation>
    </message>
    <message>
        <source>Model id</source>
        <translation>Modell-ID</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Context window</source>
        <translation>Kontextfenster</translation>
    </message>
    <message>
        <source>Max tokens</source>
        <translation>Max. Token</translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation>Temperatur</translation>
    </message>
    <message>
        <source>Add model</source>
        <translation>Modell hinzufügen</translation>
    </message>
    <message>
        <source>Add a model</source>
        <translation>Ein Modell hinzufügen</translation>
    </message>
    <message>
        <source>Remove model</source>
        <translation>Modell entfernen</translation>
    </message>
    <message>
        <source>Remove the selected model</source>
        <translation>Das ausgewählte Modell entfernen</translation>
    </message>
    <message>
        <source>Refresh from server</source>
        <translation>Vom Server aktualisieren</translation>
    </message>
    <message>
        <source>Fetch the model list from the server</source>
        <translation>Die Modellliste vom Server abrufen</translation>
    </message>
    <message>
        <source>Model list status</source>
        <translation>Status der Modellliste</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>Verbindung testen</translation>
    </message>
    <message>
        <source>Test the connection to this provider</source>
        <translation>Die Verbindung zu diesem Anbieter testen</translation>
    </message>
    <message>
        <source>Detect</source>
        <translation>Erkennen</translation>
    </message>
    <message>
        <source>Ask the server what it is</source>
        <translation>Den Server fragen, was er ist</translation>
    </message>
    <message>
        <source>Detect the server type</source>
        <translation>Servertyp erkennen</translation>
    </message>
    <message>
        <source>What the server is</source>
        <translation>Was der Server ist</translation>
    </message>
    <message>
        <source>Use the native API</source>
        <translation>Native API verwenden</translation>
    </message>
    <message>
        <source>Use the type the server reported</source>
        <translation>Den vom Server gemeldeten Typ verwenden</translation>
    </message>
    <message>
        <source>Models on the server</source>
        <translation>Modelle auf dem Server</translation>
    </message>
    <message>
        <source>On the server</source>
        <translation>Auf dem Server</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>Parameter</translation>
    </message>
    <message>
        <source>Quantisation</source>
        <translation>Quantisierung</translation>
    </message>
    <message>
        <source>Context length</source>
        <translation>Kontextlänge</translation>
    </message>
    <message>
        <source>Capabilities</source>
        <translation>Fähigkeiten</translation>
    </message>
    <message>
        <source>Connection test</source>
        <translation>Verbindungstest</translation>
    </message>
</context>
<context>
    <name>QTextDocument</name>
    <message>
        <source>[image: %1]</source>
        <translation>[Bild: %1]</translation>
    </message>
    <message>
        <source>This formula could not be typeset: %1</source>
        <translation>Diese Formel konnte nicht gesetzt werden: %1</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Settings pages</source>
        <translation>Einstellungsseiten</translation>
    </message>
    <message>
        <source>&amp;Providers</source>
        <translation>An&amp;bieter</translation>
    </message>
    <message>
        <source>Providers</source>
        <translation>Anbieter</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Hinzufügen</translation>
    </message>
    <message>
        <source>Add a provider from a preset</source>
        <translation>Einen Anbieter aus einer Vorlage hinzufügen</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>Duplizieren</translation>
    </message>
    <message>
        <source>Duplicate the selected provider</source>
        <translation>Den ausgewählten Anbieter duplizieren</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Remove the selected provider</source>
        <translation>Den ausgewählten Anbieter entfernen</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>Nach oben</translation>
    </message>
    <message>
        <source>Move the selected provider up</source>
        <translation>Den ausgewählten Anbieter nach oben verschieben</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>Nach unten</translation>
    </message>
    <message>
        <source>Move the selected provider down</source>
        <translation>Den ausgewählten Anbieter nach unten verschieben</translation>
    </message>
    <message>
        <source>Import crush.json…</source>
        <translation>crush.json importieren …</translation>
    </message>
    <message>
        <source>Import the providers of a crush.json file</source>
        <translation>Die Anbieter aus einer crush.json-Datei importieren</translation>
    </message>
    <message>
        <source>Provider settings</source>
        <translation>Anbietereinstellungen</translation>
    </message>
    <message>
        <source>No provider selected</source>
        <translation>Kein Anbieter ausgewählt</translation>
    </message>
    <message>
        <source>&amp;Application</source>
        <translation>An&amp;wendung</translation>
    </message>
    <message>
        <source>Application</source>
        <translation>Anwendung</translation>
    </message>
    <message>
        <source>&amp;Theme:</source>
        <translation>&amp;Erscheinungsbild:</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>Erscheinungsbild</translation>
    </message>
    <message>
        <source>&amp;Font size:</source>
        <translation>&amp;Schriftgröße:</translation>
    </message>
    <message>
        <source> pt</source>
        <translation> pt</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>Systemstandard</translation>
    </message>
    <message>
        <source>Font size</source>
        <translation>Schriftgröße</translation>
    </message>
    <message>
        <source>&amp;Send with:</source>
        <translation>Senden &amp;mit:</translation>
    </message>
    <message>
        <source>Send key</source>
        <translation>Sendetaste</translation>
    </message>
    <message>
        <source>&amp;Data folder:</source>
        <translation>Daten&amp;ordner:</translation>
    </message>
    <message>
        <source>Standard location</source>
        <translation>Standardort</translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation>Datenordner</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen …</translation>
    </message>
    <message>
        <source>Choose the data folder</source>
        <translation>Den Datenordner auswählen</translation>
    </message>
    <message>
        <source>&amp;Logging:</source>
        <translation>&amp;Protokollierung:</translation>
    </message>
    <message>
        <source>Logging level</source>
        <translation>Protokollierungsstufe</translation>
    </message>
    <message>
        <source>Log &amp;file:</source>
        <translation>Protokoll&amp;datei:</translation>
    </message>
    <message>
        <source>Standard error only</source>
        <translation>Nur Standardfehlerausgabe</translation>
    </message>
    <message>
        <source>Log file</source>
        <translation>Protokolldatei</translation>
    </message>
    <message>
        <source>Choose the log file</source>
        <translation>Die Protokolldatei auswählen</translation>
    </message>
    <message>
        <source>Save status</source>
        <translation>Speicherstatus</translation>
    </message>
    <message>
        <source>Dialog buttons</source>
        <translation>Dialogschaltflächen</translation>
    </message>
    <message>
        <source>New conversations use</source>
        <translation>Neue Unterhaltungen verwenden</translation>
    </message>
    <message>
        <source>Default provider and model</source>
        <translation>Standardanbieter und -modell</translation>
    </message>
    <message>
        <source>P&amp;rovider:</source>
        <translation>&amp;Anbieter:</translation>
    </message>
    <message>
        <source>Default provider</source>
        <translation>Standardanbieter</translation>
    </message>
    <message>
        <source>&amp;Model:</source>
        <translation>&amp;Modell:</translation>
    </message>
    <message>
        <source>Default model</source>
        <translation>Standardmodell</translation>
    </message>
</context>
<context>
    <name>Sluice</name>
    <message>
        <source>Thinking…</source>
        <translation>Denkt nach …</translation>
    </message>
    <message>
        <source>Thought for %1 s</source>
        <translation>Hat %1 s nachgedacht</translation>
    </message>
    <message>
        <source>Thoughts</source>
        <translation>Gedanken</translation>
    </message>
    <message numerus="yes">
        <source>%n token(s)</source>
        <translation type="vanished">
            <numerusform>%n Token</numerusform>
            <numerusform>%n Token</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 tok/s</source>
        <translation>%1 Token/s</translation>
    </message>
    <message>
        <source>%1 s to first token</source>
        <translation>%1 s bis zum ersten Token</translation>
    </message>
    <message>
        <source>loaded in %1 s</source>
        <translation>in %1 s geladen</translation>
    </message>
    <message>
        <source>stopped at the token limit</source>
        <translation>am Token-Limit angehalten</translation>
    </message>
    <message>
        <source>Loading %1…</source>
        <translation>Lade %1 …</translation>
    </message>
    <message>
        <source>Receiving…</source>
        <translation>Empfange …</translation>
    </message>
    <message>
        <source>Waiting for %1…</source>
        <translation>Warte auf %1 …</translation>
    </message>
    <message>
        <source>the model</source>
        <translation>das Modell</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>Bearbeiten</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <source>The app closed while this reply was streaming.</source>
        <translation>Die App wurde geschlossen, während diese Antwort gestreamt wurde.</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Erneut versuchen</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <source>Regenerate</source>
        <translation>Neu erzeugen</translation>
    </message>
    <message>
        <source>1 token</source>
        <translation>1 Token</translation>
    </message>
    <message>
        <source>%1 tokens</source>
        <translation>%1 Token</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Verbinde …</translation>
    </message>
    <message>
        <source>Connecting… %1 s</source>
        <translation>Verbinde … %1 s</translation>
    </message>
    <message>
        <source>Waiting for first token… %1 s</source>
        <translation>Warte auf erstes Token … %1 s</translation>
    </message>
    <message>
        <source>Loading model %1… %2 s</source>
        <translation>Lade Modell %1 … %2 s</translation>
    </message>
    <message>
        <source>Streaming · %1 tok/s</source>
        <translation>Streaming · %1 Token/s</translation>
    </message>
    <message>
        <source>Streaming…</source>
        <translation>Streaming …</translation>
    </message>
    <message>
        <source>Retrying in %1 s…</source>
        <translation>Neuer Versuch in %1 s …</translation>
    </message>
    <message>
        <source>Retrying…</source>
        <translation>Neuer Versuch …</translation>
    </message>
    <message>
        <source>First token %1 s</source>
        <translation>Erstes Token %1 s</translation>
    </message>
    <message>
        <source>load %1 s</source>
        <translation>Laden %1 s</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Fertig</translation>
    </message>
    <message>
        <source>Done · %1</source>
        <translation>Fertig · %1</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Angehalten</translation>
    </message>
    <message>
        <source>No data for %1 s…</source>
        <translation>Keine Daten seit %1 s …</translation>
    </message>
    <message>
        <source>Thinking · %1 tok/s</source>
        <translation>Denkt nach · %1 Token/s</translation>
    </message>
    <message>
        <source>must be a number from %1 to %2</source>
        <translation>muss eine Zahl von %1 bis %2 sein</translation>
    </message>
    <message>
        <source>must be a whole number from %1 to %2</source>
        <translation>muss eine ganze Zahl von %1 bis %2 sein</translation>
    </message>
    <message>
        <source>must be a whole number</source>
        <translation>muss eine ganze Zahl sein</translation>
    </message>
    <message>
        <source>must be a list of texts</source>
        <translation>muss eine Liste von Texten sein</translation>
    </message>
    <message>
        <source>must be a list of texts, none of them empty</source>
        <translation>muss eine Liste von Texten sein, keiner davon leer</translation>
    </message>
    <message>
        <source>must be a text</source>
        <translation>muss ein Text sein</translation>
    </message>
    <message>
        <source>must be true, false, low, medium or high</source>
        <translation>muss true, false, low, medium oder high sein</translation>
    </message>
    <message>
        <source>must be a list [ … ] of presets</source>
        <translation>muss eine Liste [ … ] von Vorlagen sein</translation>
    </message>
    <message>
        <source>must be an object { … }</source>
        <translation>muss ein Objekt { … } sein</translation>
    </message>
    <message>
        <source>must be a name that is not empty</source>
        <translation>muss ein nicht leerer Name sein</translation>
    </message>
    <message>
        <source>repeats the preset &quot;%1&quot;</source>
        <translation>nennt die Vorlage „%1“ mehrfach</translation>
    </message>
    <message>
        <source>The file is not JSON: %1 at byte %2.</source>
        <translation>Die Datei ist kein JSON: %1 bei Byte %2.</translation>
    </message>
    <message>
        <source>The file holds no Sluice presets (no &quot;sluice_presets&quot; in it).</source>
        <translation>Die Datei enthält keine Sluice-Vorlagen (kein &quot;sluice_presets&quot; darin).</translation>
    </message>
    <message>
        <source>The file&apos;s %1 %2.</source>
        <translation>In der Datei: %1 %2.</translation>
    </message>
    <message>
        <source>The pasted image</source>
        <translation>Das eingefügte Bild</translation>
    </message>
    <message>
        <source>%1 is not a PNG, JPEG, WebP or GIF image.</source>
        <translation>%1 ist kein PNG-, JPEG-, WebP- oder GIF-Bild.</translation>
    </message>
    <message>
        <source>%1 is %2; images up to %3 can be attached.</source>
        <translation>%1 ist %2 groß; Bilder bis %3 können angehängt werden.</translation>
    </message>
    <message>
        <source>%1 could not be read as an image (%2).</source>
        <translation>%1 konnte nicht als Bild gelesen werden (%2).</translation>
    </message>
    <message>
        <source>Could not open %1: %2.</source>
        <translation>%1 konnte nicht geöffnet werden: %2.</translation>
    </message>
    <message>
        <source>Could not read %1: %2.</source>
        <translation>%1 konnte nicht gelesen werden: %2.</translation>
    </message>
    <message>
        <source>the server</source>
        <translation>der Server</translation>
    </message>
    <message>
        <source>%1 (%2) is larger than %3 accepts: it is sent as %4; the original stays in the conversation.</source>
        <translation>%1 (%2) ist größer, als %3 annimmt: Es wird als %4 gesendet; das Original bleibt in der Unterhaltung.</translation>
    </message>
    <message>
        <source>the configured context window</source>
        <translation>das eingestellte Kontextfenster</translation>
    </message>
    <message>
        <source>the server&apos;s model information</source>
        <translation>die Modellinformationen des Servers</translation>
    </message>
    <message>
        <source>this chat&apos;s context size (num_ctx)</source>
        <translation>die Kontextgröße dieses Chats (num_ctx)</translation>
    </message>
    <message>
        <source>the window the model is loaded with</source>
        <translation>das Fenster, mit dem das Modell geladen ist</translation>
    </message>
    <message>
        <source>the model&apos;s num_ctx parameter</source>
        <translation>der Parameter num_ctx des Modells</translation>
    </message>
    <message>
        <source>Ollama&apos;s default context size</source>
        <translation type="vanished">die Standard-Kontextgröße von Ollama</translation>
    </message>
    <message>
        <source>answered</source>
        <translation>beantwortet</translation>
    </message>
    <message>
        <source>tool error</source>
        <translation>Werkzeugfehler</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>not allowed</source>
        <translation>nicht erlaubt</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>angehalten</translation>
    </message>
    <message>
        <source>did not finish</source>
        <translation>nicht beendet</translation>
    </message>
    <message>
        <source>Tool call: %1 — %2</source>
        <translation>Werkzeugaufruf: %1 – %2</translation>
    </message>
    <message>
        <source>, %1 ms</source>
        <translation>, %1 ms</translation>
    </message>
    <message>
        <source>Arguments:</source>
        <translation>Argumente:</translation>
    </message>
    <message>
        <source>Result:</source>
        <translation>Ergebnis:</translation>
    </message>
    <message>
        <source>Not sent to the model: dropped to fit its context window</source>
        <translation>Nicht an das Modell gesendet: weggelassen, damit die Unterhaltung in sein Kontextfenster passt</translation>
    </message>
    <message>
        <source>%1 is %2; documents up to %3 can be attached.</source>
        <translation>%1 ist %2 groß; Dokumente bis %3 können angehängt werden.</translation>
    </message>
    <message>
        <source>%1 does not exist.</source>
        <translation>%1 existiert nicht.</translation>
    </message>
    <message>
        <source>%1 is a folder; attach the files in it.</source>
        <translation>%1 ist ein Ordner; hängen Sie die Dateien darin an.</translation>
    </message>
    <message>
        <source>The file</source>
        <translation>Die Datei</translation>
    </message>
    <message>
        <source>%1 is not a text file (it holds binary data); text, source code and PDF files can be attached.</source>
        <translation>%1 ist keine Textdatei (sie enthält Binärdaten); Text-, Quellcode- und PDF-Dateien können angehängt werden.</translation>
    </message>
    <message>
        <source>%1 is not UTF-8 text; save it as UTF-8 and attach it again.</source>
        <translation>%1 ist kein UTF-8-Text; speichern Sie die Datei als UTF-8 und hängen Sie sie erneut an.</translation>
    </message>
    <message>
        <source>%1 is empty: there is no text to send.</source>
        <translation>%1 ist leer: Es gibt keinen Text zum Senden.</translation>
    </message>
    <message>
        <source>The PDF</source>
        <translation>Das PDF</translation>
    </message>
    <message>
        <source>%1 could not be read as a PDF (the file is damaged).</source>
        <translation>%1 konnte nicht als PDF gelesen werden (die Datei ist beschädigt).</translation>
    </message>
    <message>
        <source>%1 is encrypted with a password; save an unprotected copy to attach it.</source>
        <translation>%1 ist mit einem Passwort verschlüsselt; speichern Sie eine ungeschützte Kopie, um sie anzuhängen.</translation>
    </message>
    <message>
        <source>%1 has no text to read (its pages are images, as in a scan); copy its text into the message instead.</source>
        <translation>%1 enthält keinen lesbaren Text (die Seiten sind Bilder, wie bei einem Scan); kopieren Sie den Text stattdessen in die Nachricht.</translation>
    </message>
    <message>
        <source>the server&apos;s context size (llama.cpp /props)</source>
        <translation>die Kontextgröße des Servers (llama.cpp /props)</translation>
    </message>
    <message>
        <source>Ollama&apos;s default context size (4096 unless its GPUs have 24 GB or more or OLLAMA_CONTEXT_LENGTH is set)</source>
        <translation>die Standard-Kontextgröße von Ollama (4096, sofern die GPUs nicht mindestens 24 GB haben und OLLAMA_CONTEXT_LENGTH nicht gesetzt ist)</translation>
    </message>
    <message>
        <source>%1 was not read: this build of Sluice cannot read PDFs (it was built without Poppler). Copy its text into the message instead.</source>
        <translation>%1 wurde nicht gelesen: Diese Version von Sluice kann keine PDFs lesen (sie wurde ohne Poppler gebaut). Kopieren Sie den Text stattdessen in die Nachricht.</translation>
    </message>
</context>
<context>
    <name>Sluice::AppSettingsPage</name>
    <message>
        <source>Follow the system</source>
        <translation>Wie das System</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Hell</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Dunkel</translation>
    </message>
    <message>
        <source>Enter (Shift+Enter for a new line)</source>
        <translation>Enter (Umschalt+Enter für eine neue Zeile)</translation>
    </message>
    <message>
        <source>Ctrl+Enter</source>
        <translation>Strg+Enter</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>Aus</translation>
    </message>
    <message>
        <source>Errors</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Warnings</source>
        <translation>Warnungen</translation>
    </message>
    <message>
        <source>Information</source>
        <translation>Informationen</translation>
    </message>
    <message>
        <source>Debug (verbose)</source>
        <translation>Debug (ausführlich)</translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation>Datenordner</translation>
    </message>
    <message>
        <source>Log file</source>
        <translation>Protokolldatei</translation>
    </message>
</context>
<context>
    <name>Sluice::AppShell</name>
    <message>
        <source>Sluice</source>
        <translation>Sluice</translation>
    </message>
    <message>
        <source>The configuration file can&apos;t be used</source>
        <translation>Die Konfigurationsdatei kann nicht verwendet werden</translation>
    </message>
    <message>
        <source>Fix the file and press Reload, or start from the defaults (the broken file is kept aside, not overwritten).</source>
        <translation>Korrigieren Sie die Datei und klicken Sie auf „Neu laden“, oder beginnen Sie mit den Standardeinstellungen (die fehlerhafte Datei wird beiseitegelegt, nicht überschrieben).</translation>
    </message>
    <message>
        <source>Open the file to fix it, or start from the defaults (the broken file is kept aside, not overwritten).</source>
        <translation>Öffnen Sie die Datei, um sie zu korrigieren, oder beginnen Sie mit den Standardeinstellungen (die fehlerhafte Datei wird beiseitegelegt, nicht überschrieben).</translation>
    </message>
    <message>
        <source>Open File</source>
        <translation>Datei öffnen</translation>
    </message>
    <message>
        <source>Reload</source>
        <translation>Neu laden</translation>
    </message>
    <message>
        <source>Start from Defaults</source>
        <translation>Mit Standardeinstellungen beginnen</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Beenden</translation>
    </message>
    <message>
        <source>Could not start from the defaults: %1</source>
        <translation>Beginnen mit den Standardeinstellungen nicht möglich: %1</translation>
    </message>
    <message>
        <source>Started from the default settings; the broken file was kept as %1.</source>
        <translation>Mit den Standardeinstellungen begonnen; die fehlerhafte Datei wurde als %1 aufbewahrt.</translation>
    </message>
    <message>
        <source>The history at %1 could not be opened: %2 Conversations of this session are kept in memory only.</source>
        <translation>Der Verlauf unter %1 konnte nicht geöffnet werden: %2 Unterhaltungen dieser Sitzung werden nur im Arbeitsspeicher gehalten.</translation>
    </message>
    <message>
        <source>A reply was cut off when Sluice last closed; it is marked interrupted, with Retry and Continue.</source>
        <translation>Beim letzten Beenden von Sluice wurde eine Antwort abgeschnitten; sie ist als unterbrochen markiert, mit „Erneut versuchen“ und „Fortsetzen“.</translation>
    </message>
    <message>
        <source>%1 replies were cut off when Sluice last closed; they are marked interrupted, with Retry and Continue.</source>
        <translation>Beim letzten Beenden von Sluice wurden %1 Antworten abgeschnitten; sie sind als unterbrochen markiert, mit „Erneut versuchen“ und „Fortsetzen“.</translation>
    </message>
    <message>
        <source>Nothing to export yet: send a message first.</source>
        <translation>Noch nichts zu exportieren: Senden Sie zuerst eine Nachricht.</translation>
    </message>
    <message>
        <source>Conversation imported.</source>
        <translation>Unterhaltung importiert.</translation>
    </message>
    <message>
        <source>Older conversations still name the provider&apos;s old identifier: %1</source>
        <translation>Ältere Unterhaltungen nennen noch die alte Kennung des Anbieters: %1</translation>
    </message>
</context>
<context>
    <name>Sluice::Attachment</name>
    <message>
        <source>image %1.%2</source>
        <extracomment>A pasted image without a file name: &quot;image 2.png&quot;</extracomment>
        <translation>Bild %1.%2</translation>
    </message>
    <message>
        <source>file %1.%2</source>
        <extracomment>A pasted document without a file name: &quot;file 2.txt&quot;</extracomment>
        <translation>Datei %1.%2</translation>
    </message>
</context>
<context>
    <name>Sluice::AttachmentExport</name>
    <message>
        <source>%1 could not be read from the history: %2</source>
        <translation>%1 konnte nicht aus dem Verlauf gelesen werden: %2</translation>
    </message>
    <message>
        <source>%1 images</source>
        <extracomment>The folder beside an exported &quot;Chat.md&quot; that holds its images: &quot;Chat images&quot;</extracomment>
        <translation>%1 Bilder</translation>
    </message>
    <message>
        <source>Image: %1</source>
        <translation>Bild: %1</translation>
    </message>
    <message>
        <source>could not create the folder %1</source>
        <translation>der Ordner %1 konnte nicht angelegt werden</translation>
    </message>
    <message>
        <source>could not write %1: %2</source>
        <translation>%1 konnte nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>its kind &quot;%1&quot; is not one this version of Sluice knows</source>
        <translation>seine Art „%1“ kennt diese Version von Sluice nicht</translation>
    </message>
    <message>
        <source>its data is not base64</source>
        <translation>seine Daten sind kein Base64</translation>
    </message>
    <message>
        <source>Attachment %1 of message %2 of the export cannot be read: %3</source>
        <translation>Anhang %1 von Nachricht %2 des Exports kann nicht gelesen werden: %3</translation>
    </message>
    <message>
        <source>File: %1</source>
        <translation>Datei: %1</translation>
    </message>
</context>
<context>
    <name>Sluice::AttachmentMime</name>
    <message>
        <source>The pasted image could not be read.</source>
        <translation>Das eingefügte Bild konnte nicht gelesen werden.</translation>
    </message>
</context>
<context>
    <name>Sluice::AttachmentStrip</name>
    <message>
        <source>Attachments</source>
        <translation>Anhänge</translation>
    </message>
    <message>
        <source>Remove %1</source>
        <translation>%1 entfernen</translation>
    </message>
    <message>
        <source>~%1 tokens</source>
        <translation>~%1 Token</translation>
    </message>
    <message>
        <source>about %1 tokens</source>
        <translation>etwa %1 Token</translation>
    </message>
</context>
<context>
    <name>Sluice::ChatModel</name>
    <message>
        <source>You: %1</source>
        <translation>Sie: %1</translation>
    </message>
    <message>
        <source>Reply: %1</source>
        <translation>Antwort: %1</translation>
    </message>
    <message>
        <source>Reply, stopped: %1</source>
        <translation>Antwort, angehalten: %1</translation>
    </message>
</context>
<context>
    <name>Sluice::Cli::History</name>
    <message>
        <source>Read the history in &lt;dir&gt;.</source>
        <translation>Den Verlauf in &lt;dir&gt; lesen.</translation>
    </message>
    <message>
        <source>Lists the stored conversations, newest first.</source>
        <translation>Listet die gespeicherten Unterhaltungen auf, die neueste zuerst.</translation>
    </message>
    <message>
        <source>Print JSON.</source>
        <translation>JSON ausgeben.</translation>
    </message>
    <message>
        <source>history takes no arguments, got &quot;%1&quot;.</source>
        <translation>history nimmt keine Argumente, erhielt aber „%1“.</translation>
    </message>
    <message>
        <source>No conversations yet.</source>
        <translation>Noch keine Unterhaltungen.</translation>
    </message>
    <message>
        <source>UPDATED</source>
        <translation>GEÄNDERT</translation>
    </message>
    <message>
        <source>MSGS</source>
        <translation>NACHR.</translation>
    </message>
    <message>
        <source>TITLE</source>
        <translation>TITEL</translation>
    </message>
    <message>
        <source>Writes one conversation as Markdown or JSON.</source>
        <translation>Schreibt eine Unterhaltung als Markdown oder JSON.</translation>
    </message>
    <message>
        <source>The conversation (see sluice history).</source>
        <translation>Die Unterhaltung (siehe sluice history).</translation>
    </message>
    <message>
        <source>md (default) or json.</source>
        <translation>md (Standard) oder json.</translation>
    </message>
    <message>
        <source>Leave out the models&apos; thinking.</source>
        <translation>Den Denkprozess der Modelle weglassen.</translation>
    </message>
    <message>
        <source>Write to &lt;file&gt; instead of standard output.</source>
        <translation>In &lt;file&gt; statt in die Standardausgabe schreiben.</translation>
    </message>
    <message>
        <source>export needs one conversation id, e.g. sluice export 3.</source>
        <translation>export braucht genau eine Unterhaltungs-ID, z. B. sluice export 3.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a conversation id (see sluice history).</source>
        <translation>„%1“ ist keine Unterhaltungs-ID (siehe sluice history).</translation>
    </message>
    <message>
        <source>unknown format &quot;%1&quot;; use md or json.</source>
        <translation>unbekanntes Format „%1“; verwenden Sie md oder json.</translation>
    </message>
    <message>
        <source>there is no conversation %1 (see sluice history).</source>
        <translation>es gibt keine Unterhaltung %1 (siehe sluice history).</translation>
    </message>
    <message>
        <source>could not write %1: %2.</source>
        <translation>%1 konnte nicht geschrieben werden: %2.</translation>
    </message>
    <message>
        <source>standard output could not be written: %1.</source>
        <translation>die Standardausgabe konnte nicht geschrieben werden: %1.</translation>
    </message>
    <message>
        <source>Markdown: every branch, not only the one shown (JSON always holds every branch).</source>
        <translation>Markdown: alle Zweige, nicht nur den angezeigten (JSON enthält immer alle Zweige).</translation>
    </message>
</context>
<context>
    <name>Sluice::Composer</name>
    <message>
        <source>Message</source>
        <translation>Nachricht</translation>
    </message>
    <message>
        <source>Message the model…  (Enter sends, Shift+Enter for a new line)</source>
        <translation type="vanished">Nachricht an das Modell …  (Enter sendet, Umschalt+Enter für eine neue Zeile)</translation>
    </message>
    <message>
        <source>Enter</source>
        <translation>Enter</translation>
    </message>
    <message>
        <source>Message the model…  (%1 sends, %2 for a new line)</source>
        <translation>Nachricht an das Modell …  (%1 sendet, %2 für eine neue Zeile)</translation>
    </message>
    <message>
        <source>%1 sends the message; %2 starts a new line.</source>
        <translation>%1 sendet die Nachricht; %2 beginnt eine neue Zeile.</translation>
    </message>
</context>
<context>
    <name>Sluice::ComposerAttachments</name>
    <message>
        <source>Attach Images</source>
        <translation type="vanished">Bilder anhängen</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.webp *.gif)</source>
        <translation type="vanished">Bilder (*.png *.jpg *.jpeg *.webp *.gif)</translation>
    </message>
    <message>
        <source>Attach images</source>
        <translation type="vanished">Bilder anhängen</translation>
    </message>
    <message>
        <source>Attach images (PNG, JPEG, WebP, GIF); you can also paste or drop them into the message box</source>
        <translation type="vanished">Bilder anhängen (PNG, JPEG, WebP, GIF); Sie können sie auch in das Eingabefeld einfügen oder ziehen</translation>
    </message>
    <message>
        <source>%1 does not read images. Send again to send them anyway, or choose a vision model.</source>
        <translation>%1 liest keine Bilder. Senden Sie erneut, um sie trotzdem zu senden, oder wählen Sie ein Modell, das Bilder versteht.</translation>
    </message>
    <message>
        <source>%1 does not read images (the server says it has no vision).</source>
        <translation>%1 liest keine Bilder (laut Server kann es keine Bilder sehen).</translation>
    </message>
    <message>
        <source>Attach Files</source>
        <translation>Dateien anhängen</translation>
    </message>
    <message>
        <source>Images and documents (*.png *.jpg *.jpeg *.webp *.gif *.pdf *.txt *.md *.markdown *.rst *.csv *.tsv *.json *.jsonl *.xml *.yaml *.yml *.toml *.ini *.log *.py *.c *.h *.cc *.cpp *.hpp *.cs *.java *.kt *.go *.rs *.rb *.php *.js *.ts *.tsx *.jsx *.html *.css *.sh *.sql *.swift *.lua *.pl *.r *.tex *.diff *.patch);;Images (*.png *.jpg *.jpeg *.webp *.gif);;PDF documents (*.pdf);;All files (*)</source>
        <translation>Bilder und Dokumente (*.png *.jpg *.jpeg *.webp *.gif *.pdf *.txt *.md *.markdown *.rst *.csv *.tsv *.json *.jsonl *.xml *.yaml *.yml *.toml *.ini *.log *.py *.c *.h *.cc *.cpp *.hpp *.cs *.java *.kt *.go *.rs *.rb *.php *.js *.ts *.tsx *.jsx *.html *.css *.sh *.sql *.swift *.lua *.pl *.r *.tex *.diff *.patch);;Bilder (*.png *.jpg *.jpeg *.webp *.gif);;PDF-Dokumente (*.pdf);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Attach files</source>
        <translation>Dateien anhängen</translation>
    </message>
    <message>
        <source>Attach files: images (PNG, JPEG, WebP, GIF), text files (source code, Markdown, CSV, JSON, logs …) and PDFs; you can also paste or drop them into the message box</source>
        <translation>Dateien anhängen: Bilder (PNG, JPEG, WebP, GIF), Textdateien (Quellcode, Markdown, CSV, JSON, Protokolle …) und PDFs; Sie können sie auch in das Eingabefeld einfügen oder ziehen</translation>
    </message>
    <message>
        <source>Attached %1.</source>
        <translation>%1 angehängt.</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>Lese %1 …</translation>
    </message>
    <message>
        <source>%1 is still being read; send when its text is attached.</source>
        <translation>%1 wird noch gelesen; senden Sie, sobald der Text angehängt ist.</translation>
    </message>
</context>
<context>
    <name>Sluice::ComposerController</name>
    <message>
        <source>Stop</source>
        <translation>Anhalten</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Senden</translation>
    </message>
    <message>
        <source>Stop the reply (Esc)</source>
        <translation>Antwort anhalten (Esc)</translation>
    </message>
    <message>
        <source>Send the message (%1)</source>
        <translation>Nachricht senden (%1)</translation>
    </message>
    <message>
        <source>Could not resend: choose a server and a model first.</source>
        <translation>Erneutes Senden nicht möglich: Wählen Sie zuerst einen Server und ein Modell.</translation>
    </message>
    <message>
        <source>A reply is still coming in. Press Esc to stop it first.</source>
        <translation>Es kommt noch eine Antwort herein. Drücken Sie zuerst Esc, um sie anzuhalten.</translation>
    </message>
    <message>
        <source>No server is configured. Open Settings (Ctrl+,) to add one.</source>
        <translation>Es ist kein Server eingerichtet. Öffnen Sie die Einstellungen (Strg+,), um einen hinzuzufügen.</translation>
    </message>
    <message>
        <source>Choose a model first.</source>
        <translation>Wählen Sie zuerst ein Modell.</translation>
    </message>
</context>
<context>
    <name>Sluice::ComposerTools</name>
    <message>
        <source>Writing a summary of this conversation…</source>
        <translation>Schreibe eine Zusammenfassung dieser Unterhaltung …</translation>
    </message>
    <message>
        <source>Writing a summary of this conversation: part %1 of %2…</source>
        <translation>Schreibe eine Zusammenfassung dieser Unterhaltung: Teil %1 von %2 …</translation>
    </message>
    <message>
        <source>A new chat starts from a summary of “%1”; your message is still in the box.</source>
        <translation>Ein neuer Chat beginnt mit einer Zusammenfassung von „%1“; Ihre Nachricht steht noch im Eingabefeld.</translation>
    </message>
</context>
<context>
    <name>Sluice::ConfigReader</name>
    <message>
        <source>In %1, %2 %3.</source>
        <extracomment>%1 is a file path, %2 a field such as providers.ollama.base_url, %3 what is wrong</extracomment>
        <translation>In %1: %2 %3.</translation>
    </message>
    <message>
        <source>a list</source>
        <translation>eine Liste</translation>
    </message>
    <message>
        <source>an object</source>
        <translation>ein Objekt</translation>
    </message>
    <message>
        <source>nothing</source>
        <translation>nichts</translation>
    </message>
    <message>
        <source>must be %1, not %2</source>
        <extracomment>%1 is the expected kind of value (&quot;a string&quot;), %2 the value found</extracomment>
        <translation>muss %1 sein, nicht %2</translation>
    </message>
    <message>
        <source>text in quotes</source>
        <translation>Text in Anführungszeichen</translation>
    </message>
    <message>
        <source>true or false</source>
        <translation>true oder false</translation>
    </message>
    <message>
        <source>a number from %1 to %2</source>
        <translation>eine Zahl von %1 bis %2</translation>
    </message>
    <message>
        <source>a whole number from %1 to %2</source>
        <translation>eine ganze Zahl von %1 bis %2</translation>
    </message>
    <message>
        <source>an object { … }</source>
        <translation>ein Objekt { … }</translation>
    </message>
    <message>
        <source>an object { &quot;id&quot;: … }</source>
        <translation>ein Objekt { &quot;id&quot;: … }</translation>
    </message>
    <message>
        <source>is missing; every model needs the id the server knows it by</source>
        <translation>fehlt; jedes Modell braucht die ID, unter der der Server es kennt</translation>
    </message>
    <message>
        <source>has an id that is not allowed; use letters, digits, &apos;-&apos;, &apos;_&apos; and &apos;.&apos;</source>
        <translation>hat eine unzulässige ID; erlaubt sind Buchstaben, Ziffern, &apos;-&apos;, &apos;_&apos; und &apos;.&apos;</translation>
    </message>
    <message>
        <source>an object { &quot;type&quot;: …, &quot;base_url&quot;: … }</source>
        <translation>ein Objekt { &quot;type&quot;: …, &quot;base_url&quot;: … }</translation>
    </message>
    <message>
        <source>is missing; use &quot;ollama&quot;, &quot;openai&quot; or &quot;anthropic&quot;</source>
        <translation>fehlt; verwenden Sie &quot;ollama&quot;, &quot;openai&quot; oder &quot;anthropic&quot;</translation>
    </message>
    <message>
        <source>is &quot;%1&quot;, which Sluice does not speak; use &quot;ollama&quot;, &quot;openai&quot; (any OpenAI-compatible server) or &quot;anthropic&quot;</source>
        <translation>ist &quot;%1&quot;, das Sluice nicht spricht; verwenden Sie &quot;ollama&quot;, &quot;openai&quot; (jeder OpenAI-kompatible Server) oder &quot;anthropic&quot;</translation>
    </message>
    <message>
        <source>is missing, e.g. &quot;%1&quot;</source>
        <translation>fehlt, z. B. &quot;%1&quot;</translation>
    </message>
    <message>
        <source>is not a valid HTTP header name</source>
        <translation>ist kein gültiger Name für einen HTTP-Header</translation>
    </message>
    <message>
        <source>a list [ … ]</source>
        <translation>eine Liste [ … ]</translation>
    </message>
    <message>
        <source>repeats the model &quot;%1&quot;</source>
        <translation>nennt das Modell &quot;%1&quot; mehrfach</translation>
    </message>
    <message>
        <source>must be %1, not &quot;%2&quot;</source>
        <extracomment>%1 lists the values allowed, %2 is the value found</extracomment>
        <translation>muss %1 sein, nicht &quot;%2&quot;</translation>
    </message>
    <message>
        <source>%1 or %2</source>
        <extracomment>the last two of a list of choices: &quot;a&quot;, &quot;b&quot; or &quot;c&quot;</extracomment>
        <translation>%1 oder %2</translation>
    </message>
    <message>
        <source>a list of provider ids</source>
        <translation>eine Liste von Anbieter-IDs</translation>
    </message>
    <message>
        <source>names &quot;%1&quot;, which is not one of the providers</source>
        <translation>nennt &quot;%1&quot;, das keiner der Anbieter ist</translation>
    </message>
    <message>
        <source>is %1: the file was written by a newer Sluice, and this one reads versions up to %2</source>
        <translation>ist %1: Die Datei wurde von einem neueren Sluice geschrieben, dieses liest Versionen bis %2</translation>
    </message>
    <message>
        <source>is %1, which this Sluice cannot upgrade</source>
        <translation>ist %1; diese Version von Sluice kann das nicht aktualisieren</translation>
    </message>
    <message>
        <source>%1 is not valid JSON at line %2, column %3: %4.</source>
        <translation>%1 ist in Zeile %2, Spalte %3 kein gültiges JSON: %4.</translation>
    </message>
    <message>
        <source>%1 must hold one JSON object { … }, not a list or a value.</source>
        <translation>%1 muss ein JSON-Objekt { … } enthalten, keine Liste und keinen einzelnen Wert.</translation>
    </message>
    <message>
        <source>contains a line break or NUL character, which would end the Authorization header on the wire; remove it</source>
        <translation>enthält ein Zeilenumbruch- oder NUL-Zeichen, das den Authorization-Header bei der Übertragung beenden würde; entfernen Sie es</translation>
    </message>
    <message>
        <source>contains a line break or NUL character, which would end the header on the wire; remove it</source>
        <translation>enthält ein Zeilenumbruch- oder NUL-Zeichen, das den Header bei der Übertragung beenden würde; entfernen Sie es</translation>
    </message>
    <message>
        <source>names &quot;%1&quot;, which is not one of the presets</source>
        <translation>nennt „%1“, das keine der Vorlagen ist</translation>
    </message>
</context>
<context>
    <name>Sluice::ConfigStore</name>
    <message>
        <source>%1 cannot be read: %2.</source>
        <translation>%1 kann nicht gelesen werden: %2.</translation>
    </message>
    <message>
        <source>%1 could not be moved aside to %2: %3.</source>
        <translation>%1 konnte nicht nach %2 beiseitegelegt werden: %3.</translation>
    </message>
    <message>
        <source>%1 has a problem and was not overwritten; fix it or start from the defaults first.</source>
        <translation>%1 enthält einen Fehler und wurde nicht überschrieben; beheben Sie ihn oder beginnen Sie zuerst mit den Standardeinstellungen.</translation>
    </message>
    <message>
        <source>The folder %1 could not be created.</source>
        <translation>Der Ordner %1 konnte nicht angelegt werden.</translation>
    </message>
    <message>
        <source>%1 could not be written: %2.</source>
        <translation>%1 konnte nicht geschrieben werden: %2.</translation>
    </message>
    <message>
        <source>There is no provider &quot;%1&quot; in %2.</source>
        <translation>In %2 gibt es keinen Anbieter „%1“.</translation>
    </message>
</context>
<context>
    <name>Sluice::ConnectionTestPanel</name>
    <message>
        <source>Connection test steps</source>
        <translation>Schritte des Verbindungstests</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Schritt</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Connection test result</source>
        <translation>Ergebnis des Verbindungstests</translation>
    </message>
    <message>
        <source>Cancel test</source>
        <translation>Test abbrechen</translation>
    </message>
    <message>
        <source>Cancel the running connection test</source>
        <translation>Den laufenden Verbindungstest abbrechen</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>DNS</source>
        <translation>DNS</translation>
    </message>
    <message>
        <source>TCP connect</source>
        <translation>TCP-Verbindung</translation>
    </message>
    <message>
        <source>TLS</source>
        <translation>TLS</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>Auth</source>
        <translation>Anmeldung</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>Modelle</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Chat</source>
        <translation>Chat</translation>
    </message>
    <message>
        <source>Stream</source>
        <translation>Streaming</translation>
    </message>
    <message>
        <source>Loaded</source>
        <translation>Geladen</translation>
    </message>
    <message>
        <source>pending</source>
        <translation>ausstehend</translation>
    </message>
    <message>
        <source>running</source>
        <translation>läuft</translation>
    </message>
    <message>
        <source>passed</source>
        <translation>bestanden</translation>
    </message>
    <message>
        <source>warning</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>skipped</source>
        <translation>übersprungen</translation>
    </message>
    <message>
        <source>Testing %1…</source>
        <translation>Teste %1 …</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>checking…</source>
        <translation>wird geprüft …</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>Fix: %1</source>
        <translation>Lösung: %1</translation>
    </message>
    <message>
        <source>Test cancelled.</source>
        <translation>Test abgebrochen.</translation>
    </message>
    <message>
        <source>All checks passed.</source>
        <translation>Alle Prüfungen bestanden.</translation>
    </message>
    <message>
        <source>Some checks failed.</source>
        <translation>Einige Prüfungen sind fehlgeschlagen.</translation>
    </message>
</context>
<context>
    <name>Sluice::Context</name>
    <message>
        <source>The model saw only the last %1 of %2 tokens.</source>
        <translation>Das Modell hat nur die letzten %1 von %2 Token gesehen.</translation>
    </message>
</context>
<context>
    <name>Sluice::ContextMeter</name>
    <message>
        <source>%1 / %2 tokens</source>
        <translation>%1 / %2 Token</translation>
    </message>
    <message>
        <source>About %1 of %2 tokens of the context window (%3).</source>
        <translation>Etwa %1 von %2 Token des Kontextfensters (%3).</translation>
    </message>
    <message>
        <source>%1 tokens</source>
        <translation>%1 Token</translation>
    </message>
    <message>
        <source>About %1 tokens; the model&apos;s context window is not known.</source>
        <translation>Etwa %1 Token; das Kontextfenster des Modells ist nicht bekannt.</translation>
    </message>
    <message>
        <source>Estimated, and corrected by what the server counted of earlier replies (×%1).</source>
        <translation>Geschätzt und korrigiert anhand dessen, was der Server bei früheren Antworten gezählt hat (×%1).</translation>
    </message>
    <message>
        <source>Estimated (about four characters a token) until the server counts a reply.</source>
        <translation>Geschätzt (etwa vier Zeichen pro Token), bis der Server eine Antwort zählt.</translation>
    </message>
    <message>
        <source>It will not fit: sending asks what to do first.</source>
        <translation>Das passt nicht: Beim Senden wird zuerst gefragt, was geschehen soll.</translation>
    </message>
    <message>
        <source>%1 — over the window</source>
        <translation>%1 – zu groß für das Fenster</translation>
    </message>
</context>
<context>
    <name>Sluice::ContextWarning</name>
    <message>
        <source>This conversation will not fit</source>
        <translation>Diese Unterhaltung passt nicht</translation>
    </message>
    <message>
        <source>This conversation will not fit the model&apos;s context window.</source>
        <translation>Diese Unterhaltung passt nicht in das Kontextfenster des Modells.</translation>
    </message>
    <message>
        <source>About %1 tokens would be sent, and %2 keeps %3 (%4). The server would cut the beginning of the conversation, the system prompt first, and the model would not know it.</source>
        <translation>Etwa %1 Token würden gesendet, und %2 behält %3 Token (%4). Der Server würde den Anfang der Unterhaltung abschneiden, zuerst den System-Prompt, und das Modell wüsste es nicht.</translation>
    </message>
    <message>
        <source>The model takes no more than %1 tokens.</source>
        <translation>Das Modell nimmt höchstens %1 Token an.</translation>
    </message>
    <message>
        <source>&amp;Raise the context to %1 tokens</source>
        <translation>Kontext auf %1 Token &amp;erhöhen</translation>
    </message>
    <message>
        <source>Send with a larger context (num_ctx). The model is loaded again and takes more memory.</source>
        <translation>Mit einem größeren Kontext (num_ctx) senden. Das Modell wird neu geladen und braucht mehr Speicher.</translation>
    </message>
    <message>
        <source>&amp;Drop the oldest message</source>
        <translation>Älteste Nachricht &amp;weglassen</translation>
    </message>
    <message>
        <source>&amp;Drop the oldest %1 messages</source>
        <translation>Älteste %1 Nachrichten &amp;weglassen</translation>
    </message>
    <message>
        <source>They stay in the conversation, marked as not sent, and are left out of this request and the next ones.</source>
        <translation>Sie bleiben in der Unterhaltung, als nicht gesendet markiert, und werden bei dieser und den nächsten Anfragen weggelassen.</translation>
    </message>
    <message>
        <source>New chat with a &amp;summary</source>
        <translation>Neuer Chat mit &amp;Zusammenfassung</translation>
    </message>
    <message>
        <source>The model summarises this conversation, in parts that fit; a new chat starts from the summary, with your message in the box.</source>
        <translation>Das Modell fasst diese Unterhaltung in passenden Teilen zusammen; ein neuer Chat beginnt mit der Zusammenfassung, Ihre Nachricht steht im Eingabefeld.</translation>
    </message>
    <message>
        <source>Send &amp;anyway</source>
        <translation>&amp;Trotzdem senden</translation>
    </message>
    <message>
        <source>Don&apos;t send</source>
        <translation>Nicht senden</translation>
    </message>
</context>
<context>
    <name>Sluice::Conversation</name>
    <message>
        <source>New conversation</source>
        <translation>Neue Unterhaltung</translation>
    </message>
</context>
<context>
    <name>Sluice::ConversationController</name>
    <message>
        <source>Continue exactly where your previous reply stopped, without repeating anything.</source>
        <translation>Fahre genau dort fort, wo deine vorige Antwort aufgehört hat, ohne etwas zu wiederholen.</translation>
    </message>
    <message>
        <source>Stopped during a tool call.</source>
        <translation>Während eines Werkzeugaufrufs angehalten.</translation>
    </message>
    <message>
        <source>Stopped while the tool servers were starting.</source>
        <translation>Angehalten, während die Werkzeug-Server starteten.</translation>
    </message>
</context>
<context>
    <name>Sluice::ConversationExport</name>
    <message>
        <source>You</source>
        <translation>Sie</translation>
    </message>
    <message>
        <source>Assistant</source>
        <translation>Assistent</translation>
    </message>
    <message>
        <source>System</source>
        <translation>System</translation>
    </message>
    <message>
        <source>stalled</source>
        <translation>ins Stocken geraten</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <source>interrupted</source>
        <translation>unterbrochen</translation>
    </message>
    <message>
        <source>Model: %1</source>
        <translation>Modell: %1</translation>
    </message>
    <message>
        <source>Started: %1</source>
        <translation>Begonnen: %1</translation>
    </message>
    <message>
        <source>System prompt</source>
        <translation>System-Prompt</translation>
    </message>
    <message>
        <source>Thinking</source>
        <translation>Denkprozess</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>The file is not valid JSON (%1 at byte %2).</source>
        <translation>Die Datei ist kein gültiges JSON (%1 bei Byte %2).</translation>
    </message>
    <message>
        <source>The file is not a Sluice conversation export.</source>
        <translation>Die Datei ist kein Export einer Sluice-Unterhaltung.</translation>
    </message>
    <message>
        <source>The export has format version %1; this version of Sluice reads version %2.</source>
        <translation>Der Export hat die Formatversion %1; diese Version von Sluice liest Version %2.</translation>
    </message>
    <message>
        <source>Message %1 of the export has no role.</source>
        <translation>Nachricht %1 des Exports hat keine Rolle.</translation>
    </message>
    <message>
        <source>Thought for %1 s</source>
        <translation>Hat %1 s nachgedacht</translation>
    </message>
    <message>
        <source>still streaming</source>
        <translation>wird noch gestreamt</translation>
    </message>
    <message>
        <source>the reply was still arriving when this was exported.</source>
        <translation>die Antwort kam beim Exportieren noch herein.</translation>
    </message>
    <message>
        <source>the server stopped sending before the end.</source>
        <translation>der Server hat vor dem Ende aufgehört zu senden.</translation>
    </message>
    <message>
        <source>the request failed before the end.</source>
        <translation>die Anfrage ist vor dem Ende fehlgeschlagen.</translation>
    </message>
    <message>
        <source>the reply was stopped before the end.</source>
        <translation>die Antwort wurde vor dem Ende angehalten.</translation>
    </message>
    <message>
        <source>the reply was cut off when Sluice closed while it arrived.</source>
        <translation>die Antwort wurde abgeschnitten, weil Sluice während ihres Empfangs beendet wurde.</translation>
    </message>
    <message>
        <source>Incomplete reply</source>
        <translation>Unvollständige Antwort</translation>
    </message>
    <message>
        <source>%1 — branch 1 of %2 (shown)</source>
        <translation>%1 – Zweig 1 von %2 (angezeigt)</translation>
    </message>
    <message>
        <source>%1 — branch %2 of %3</source>
        <translation>%1 – Zweig %2 von %3</translation>
    </message>
</context>
<context>
    <name>Sluice::ConversationFiles</name>
    <message>
        <source>The conversation is not in the history.</source>
        <translation>Die Unterhaltung ist nicht im Verlauf.</translation>
    </message>
    <message>
        <source>Markdown (*.md)</source>
        <translation>Markdown (*.md)</translation>
    </message>
    <message>
        <source>Markdown without thinking (*.md)</source>
        <translation>Markdown ohne Denkprozess (*.md)</translation>
    </message>
    <message>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <source>JSON without thinking (*.json)</source>
        <translation>JSON ohne Denkprozess (*.json)</translation>
    </message>
    <message>
        <source>Export Conversation</source>
        <translation>Unterhaltung exportieren</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>%1 konnte nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>Exported to %1.</source>
        <translation>Nach %1 exportiert.</translation>
    </message>
    <message>
        <source>Import Conversation</source>
        <translation>Unterhaltung importieren</translation>
    </message>
    <message>
        <source>Sluice conversation (*.json);;All files (*)</source>
        <translation>Sluice-Unterhaltung (*.json);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Could not import %1: %2</source>
        <translation>%1 konnte nicht importiert werden: %2</translation>
    </message>
</context>
<context>
    <name>Sluice::ConversationListModel</name>
    <message numerus="yes">
        <source>%1
%n message(s), last on %2</source>
        <translation>
            <numerusform>%1
%n Nachricht, zuletzt am %2</numerusform>
            <numerusform>%1
%n Nachrichten, zuletzt am %2</numerusform>
        </translation>
    </message>
    <message>
        <source>Pinned</source>
        <translation>Angeheftet</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Heute</translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation>Gestern</translation>
    </message>
    <message>
        <source>Previous 7 days</source>
        <translation>Letzte 7 Tage</translation>
    </message>
    <message>
        <source>Older</source>
        <translation>Älter</translation>
    </message>
    <message>
        <source>Branched from “%1”</source>
        <translation>Abgezweigt von „%1“</translation>
    </message>
    <message>
        <source>Branched from a deleted conversation</source>
        <translation>Abgezweigt von einer gelöschten Unterhaltung</translation>
    </message>
</context>
<context>
    <name>Sluice::ConversationSettingsDialog</name>
    <message>
        <source>Model default</source>
        <translation>Modellstandard</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>Aus</translation>
    </message>
    <message>
        <source>On</source>
        <translation>Ein</translation>
    </message>
    <message>
        <source>Low effort</source>
        <translation>Geringer Aufwand</translation>
    </message>
    <message>
        <source>Medium effort</source>
        <translation>Mittlerer Aufwand</translation>
    </message>
    <message>
        <source>High effort</source>
        <translation>Hoher Aufwand</translation>
    </message>
</context>
<context>
    <name>Sluice::ConversationStore</name>
    <message>
        <source>%1 failed: %2</source>
        <translation>%1 fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>%1 (branch)</source>
        <translation>%1 (Zweig)</translation>
    </message>
    <message>
        <source>the deleted messages are no longer kept</source>
        <translation>die gelöschten Nachrichten werden nicht mehr aufbewahrt</translation>
    </message>
</context>
<context>
    <name>Sluice::ConversationSummary</name>
    <message>
        <source>There is nothing to summarise yet.</source>
        <translation>Es gibt noch nichts zusammenzufassen.</translation>
    </message>
    <message>
        <source>The model wrote no summary.</source>
        <translation>Das Modell hat keine Zusammenfassung geschrieben.</translation>
    </message>
    <message>
        <source>The summary could not be written: %1</source>
        <translation>Die Zusammenfassung konnte nicht geschrieben werden: %1</translation>
    </message>
</context>
<context>
    <name>Sluice::ConversationView</name>
    <message>
        <source>Conversation</source>
        <translation>Unterhaltung</translation>
    </message>
    <message>
        <source>↓  Jump to latest</source>
        <translation>↓  Zur neuesten springen</translation>
    </message>
    <message>
        <source>Jump to latest</source>
        <translation>Zur neuesten springen</translation>
    </message>
    <message>
        <source>Scroll to the newest message and follow it</source>
        <translation>Zur neuesten Nachricht scrollen und ihr folgen</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <source>Copy as Markdown</source>
        <translation>Als Markdown kopieren</translation>
    </message>
    <message>
        <source>Copy Code Block</source>
        <translation type="vanished">Codeblock kopieren</translation>
    </message>
    <message>
        <source>Copy Link Address</source>
        <translation>Linkadresse kopieren</translation>
    </message>
    <message>
        <source>Edit &amp;&amp; Resend…</source>
        <translation>Bearbeiten &amp;&amp; erneut senden …</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Erneut versuchen</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <source>Regenerate</source>
        <translation>Neu erzeugen</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>Message actions</source>
        <translation>Nachrichtenaktionen</translation>
    </message>
    <message>
        <source>Copy code block %1</source>
        <translation>Codeblock %1 kopieren</translation>
    </message>
    <message>
        <source>Copy code block %1, %2</source>
        <translation>Codeblock %1 kopieren, %2</translation>
    </message>
    <message>
        <source>Hide thinking</source>
        <translation>Denkprozess verbergen</translation>
    </message>
    <message>
        <source>Show thinking</source>
        <translation>Denkprozess anzeigen</translation>
    </message>
    <message>
        <source>Branch from Here</source>
        <translation>Ab hier abzweigen</translation>
    </message>
</context>
<context>
    <name>Sluice::CrushImport</name>
    <message>
        <source>Provider %1 was not imported: its type &quot;%2&quot; is unknown to Sluice, which speaks the Ollama, OpenAI-compatible and Anthropic APIs.</source>
        <translation>Anbieter %1 wurde nicht importiert: Sein Typ „%2“ ist Sluice unbekannt; Sluice spricht die APIs von Ollama, OpenAI-kompatiblen Servern und Anthropic.</translation>
    </message>
    <message>
        <source>Provider %1 was not imported: Sluice cannot speak the %2 API (only Ollama, OpenAI-compatible and Anthropic).</source>
        <translation>Anbieter %1 wurde nicht importiert: Sluice spricht die API %2 nicht (nur Ollama, OpenAI-kompatibel und Anthropic).</translation>
    </message>
    <message>
        <source>Provider %1 was renamed &quot;%2&quot;.</source>
        <translation>Anbieter %1 wurde in „%2“ umbenannt.</translation>
    </message>
    <message>
        <source>Provider %1 was not imported: its base_url refers to an environment variable that is not set.</source>
        <translation>Anbieter %1 wurde nicht importiert: Seine base_url verweist auf eine Umgebungsvariable, die nicht gesetzt ist.</translation>
    </message>
    <message>
        <source>Provider %1: the base_url was expanded from the environment to &quot;%2&quot;.</source>
        <translation>Anbieter %1: Die base_url wurde aus der Umgebung zu „%2“ aufgelöst.</translation>
    </message>
    <message>
        <source>Provider %1 was not imported: it has no base_url.</source>
        <translation>Anbieter %1 wurde nicht importiert: Er hat keine base_url.</translation>
    </message>
    <message>
        <source>Provider %1 was not imported: its base_url %2.</source>
        <translation>Anbieter %1 wurde nicht importiert: Seine base_url %2.</translation>
    </message>
    <message>
        <source>Provider %1 uses Ollama&apos;s native API at &quot;%2&quot; instead of its /v1 endpoint.</source>
        <translation>Anbieter %1 verwendet die native API von Ollama unter „%2“ statt des Endpunkts /v1.</translation>
    </message>
    <message>
        <source>Provider %1: the base URL is &quot;%2&quot;; Sluice adds /v1 itself.</source>
        <translation>Anbieter %1: Die Basis-URL ist „%2“; Sluice hängt /v1 selbst an.</translation>
    </message>
    <message>
        <source>Provider %1 looks like an Ollama server; its native API (type ollama, base URL without /v1) streams more reliably.</source>
        <translation>Anbieter %1 sieht nach einem Ollama-Server aus; dessen native API (Typ ollama, Basis-URL ohne /v1) streamt zuverlässiger.</translation>
    </message>
    <message>
        <source>Provider %1 was disabled in crush; it was imported anyway.</source>
        <translation>Anbieter %1 war in crush deaktiviert; er wurde trotzdem importiert.</translation>
    </message>
    <message>
        <source>Provider %1: %2 have no equivalent in Sluice and were left out.</source>
        <translation>Anbieter %1: %2 haben in Sluice keine Entsprechung und wurden weggelassen.</translation>
    </message>
    <message>
        <source>Provider %1: its api_key runs a shell command, which Sluice does not do; enter the key in Settings.</source>
        <translation>Anbieter %1: Sein api_key führt einen Shell-Befehl aus, was Sluice nicht tut; geben Sie den Schlüssel in den Einstellungen ein.</translation>
    </message>
    <message>
        <source>Provider %1: the API key is written in the file itself; Settings can move it to the keychain.</source>
        <translation>Anbieter %1: Der API-Schlüssel steht in der Datei selbst; die Einstellungen können ihn in den Schlüsselbund verschieben.</translation>
    </message>
    <message>
        <source>Provider %1: the header %2 is not text and was left out.</source>
        <translation>Anbieter %1: Der Header %2 ist kein Text und wurde weggelassen.</translation>
    </message>
    <message>
        <source>Provider %1: a model without an id was left out.</source>
        <translation>Anbieter %1: Ein Modell ohne ID wurde weggelassen.</translation>
    </message>
    <message>
        <source>%1 cannot be read: %2.</source>
        <translation>%1 kann nicht gelesen werden: %2.</translation>
    </message>
    <message>
        <source>%1 is not valid JSON at line %2, column %3: %4.</source>
        <translation>%1 ist in Zeile %2, Spalte %3 kein gültiges JSON: %4.</translation>
    </message>
    <message>
        <source>%1 does not look like a crush.json: it needs a &quot;providers&quot; object.</source>
        <translation>%1 sieht nicht wie eine crush.json aus: Es fehlt ein Objekt &quot;providers&quot;.</translation>
    </message>
    <message>
        <source>%1 defines no providers.</source>
        <translation>%1 definiert keine Anbieter.</translation>
    </message>
    <message>
        <source>Provider &quot;%1&quot; was not imported: it is not an object.</source>
        <translation>Anbieter „%1“ wurde nicht importiert: Er ist kein Objekt.</translation>
    </message>
    <message>
        <source>The imported provider &quot;%1&quot; was added as &quot;%2&quot; because &quot;%1&quot; already exists.</source>
        <translation>Der importierte Anbieter „%1“ wurde als „%2“ hinzugefügt, weil es „%1“ bereits gibt.</translation>
    </message>
    <message>
        <source>Provider %1: the header %2 contains a line break or NUL character, which would end the header on the wire, and was left out.</source>
        <translation>Anbieter %1: Der Header %2 enthält ein Zeilenumbruch- oder NUL-Zeichen, das den Header bei der Übertragung beenden würde, und wurde weggelassen.</translation>
    </message>
    <message>
        <source>Provider %1: the model fields %2 have no equivalent in Sluice and were left out.</source>
        <extracomment>%2 is a list of JSON field names</extracomment>
        <translation>Anbieter %1: Die Modellfelder %2 haben in Sluice keine Entsprechung und wurden weggelassen.</translation>
    </message>
    <message>
        <source>The sections %1 are not about providers and were not imported.</source>
        <extracomment>%1 is a list of crush.json sections such as &quot;mcp, lsp, options&quot;</extracomment>
        <translation>Die Abschnitte %1 betreffen keine Anbieter und wurden nicht importiert.</translation>
    </message>
    <message>
        <source>crush&apos;s %1 model (%2) was not imported: Sluice has one default model.</source>
        <translation>Das %1-Modell von crush (%2) wurde nicht importiert: Sluice hat nur ein Standardmodell.</translation>
    </message>
    <message>
        <source>The settings %1 of crush&apos;s large model were left out; set them per model or per conversation in Sluice.</source>
        <translation>Die Einstellungen %1 des large-Modells von crush wurden weggelassen; legen Sie sie in Sluice pro Modell oder pro Unterhaltung fest.</translation>
    </message>
</context>
<context>
    <name>Sluice::DefaultPicker</name>
    <message>
        <source>The provider&apos;s first model</source>
        <translation>Erstes Modell</translation>
    </message>
    <message>
        <source>The first provider</source>
        <translation>Erster Anbieter</translation>
    </message>
</context>
<context>
    <name>Sluice::Diagnostics</name>
    <message>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <source>not checked: an earlier step failed</source>
        <translation>nicht geprüft: ein früherer Schritt ist fehlgeschlagen</translation>
    </message>
    <message>
        <source>not checked: authentication failed</source>
        <translation>nicht geprüft: die Anmeldung ist fehlgeschlagen</translation>
    </message>
    <message>
        <source>the server lists no models</source>
        <translation>der Server führt keine Modelle auf</translation>
    </message>
    <message>
        <source>pull one: ollama pull llama3.2</source>
        <translation>eines herunterladen: ollama pull llama3.2</translation>
    </message>
    <message>
        <source>no answer within %1 (%2)</source>
        <translation>keine Antwort innerhalb von %1 (%2)</translation>
    </message>
    <message>
        <source>check that the server is up and reachable from this machine</source>
        <translation>prüfen Sie, ob der Server läuft und von diesem Rechner aus erreichbar ist</translation>
    </message>
    <message>
        <source>use a URL like http://localhost:11434 or https://host/v1</source>
        <translation>verwenden Sie eine URL wie http://localhost:11434 oder https://host/v1</translation>
    </message>
    <message>
        <source>%1 → %2 (%3)</source>
        <translation>%1 → %2 (%3)</translation>
    </message>
    <message>
        <source>%1 is an address</source>
        <translation>%1 ist eine Adresse</translation>
    </message>
    <message>
        <source>DNS lookup</source>
        <translation>DNS-Abfrage</translation>
    </message>
    <message>
        <source>could not resolve &quot;%1&quot;: %2</source>
        <translation>„%1“ konnte nicht aufgelöst werden: %2</translation>
    </message>
    <message>
        <source>check the host name in the base URL</source>
        <translation>prüfen Sie den Hostnamen in der Basis-URL</translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <source>connect limit</source>
        <translation>Zeitlimit für den Verbindungsaufbau</translation>
    </message>
    <message>
        <source>connected to %1 port %2</source>
        <translation>verbunden mit %1, Port %2</translation>
    </message>
    <message>
        <source>Ollama does not seem to be running: start it with: ollama serve</source>
        <translation>Ollama scheint nicht zu laufen: starten Sie es mit: ollama serve</translation>
    </message>
    <message>
        <source>nothing listens on port %1: start the server or fix the port</source>
        <translation>auf Port %1 lauscht nichts: starten Sie den Server oder korrigieren Sie den Port</translation>
    </message>
    <message>
        <source>port %1: %2</source>
        <translation>Port %1: %2</translation>
    </message>
    <message>
        <source>not used (http)</source>
        <translation>nicht verwendet (http)</translation>
    </message>
    <message>
        <source>this build of Qt has no TLS support</source>
        <translation>dieser Qt-Build unterstützt kein TLS</translation>
    </message>
    <message>
        <source>install the OpenSSL libraries</source>
        <translation>installieren Sie die OpenSSL-Bibliotheken</translation>
    </message>
    <message>
        <source>TLS handshake</source>
        <translation>TLS-Handshake</translation>
    </message>
    <message>
        <source>certificate for %1 valid until %2</source>
        <translation>Zertifikat für %1 gültig bis %2</translation>
    </message>
    <message>
        <source>certificate not accepted: %1</source>
        <translation>Zertifikat nicht akzeptiert: %1</translation>
    </message>
    <message>
        <source>install the server&apos;s CA certificate, or use a certificate for this host name</source>
        <translation>installieren Sie das CA-Zertifikat des Servers oder verwenden Sie ein Zertifikat für diesen Hostnamen</translation>
    </message>
    <message>
        <source>TLS handshake failed: %1</source>
        <translation>TLS-Handshake fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>no HTTP answer: %1</source>
        <translation>keine HTTP-Antwort: %1</translation>
    </message>
    <message>
        <source>Ollama %1</source>
        <translation>Ollama %1</translation>
    </message>
    <message>
        <source>HTTP 403 with an empty body</source>
        <translation>HTTP 403 ohne Inhalt</translation>
    </message>
    <message>
        <source>Ollama rejects unexpected Host or Origin headers: behind a reverse proxy, send Host: localhost:11434 or set OLLAMA_ORIGINS</source>
        <translation>Ollama lehnt unerwartete Host- oder Origin-Header ab: Senden Sie hinter einem Reverse-Proxy Host: localhost:11434 oder setzen Sie OLLAMA_ORIGINS</translation>
    </message>
    <message>
        <source>no Ollama API here (GET /api/version answered HTTP %1)</source>
        <translation>hier ist keine Ollama-API (GET /api/version antwortete mit HTTP %1)</translation>
    </message>
    <message>
        <source>if this is an OpenAI-compatible server, set type openai and a base URL ending in /v1</source>
        <translation>wenn dies ein OpenAI-kompatibler Server ist, setzen Sie den Typ openai und eine Basis-URL, die auf /v1 endet</translation>
    </message>
    <message>
        <source>a base URL ending in /api is Ollama&apos;s native API, not the OpenAI-compatible one</source>
        <translation>eine Basis-URL, die auf /api endet, ist die native API von Ollama, nicht die OpenAI-kompatible</translation>
    </message>
    <message>
        <source>set type ollama with base URL %1, or use %1/v1</source>
        <translation>setzen Sie den Typ ollama mit der Basis-URL %1 oder verwenden Sie %1/v1</translation>
    </message>
    <message>
        <source>Ollama %1 through its OpenAI-compatible /v1 API</source>
        <translation>Ollama %1 über seine OpenAI-kompatible API unter /v1</translation>
    </message>
    <message>
        <source>native API available: set type ollama and base URL %1 (it can set the context size and keep the model loaded)</source>
        <translation>native API verfügbar: setzen Sie den Typ ollama und die Basis-URL %1 (sie kann die Kontextgröße setzen und das Modell geladen halten)</translation>
    </message>
    <message>
        <source>an OpenAI-compatible server</source>
        <translation>ein OpenAI-kompatibler Server</translation>
    </message>
    <message>
        <source>Ollama %1 (Anthropic-compatible endpoint)</source>
        <translation>Ollama %1 (Anthropic-kompatibler Endpunkt)</translation>
    </message>
    <message>
        <source>an Anthropic Messages API</source>
        <translation>eine Anthropic-Messages-API</translation>
    </message>
    <message>
        <source>no key needed</source>
        <translation>kein Schlüssel nötig</translation>
    </message>
    <message>
        <source>key …%1 accepted</source>
        <translation>Schlüssel …%1 akzeptiert</translation>
    </message>
    <message>
        <source>set an API key for this provider</source>
        <translation>setzen Sie einen API-Schlüssel für diesen Anbieter</translation>
    </message>
    <message>
        <source>check the key: it may be revoked, mistyped, or for another service</source>
        <translation>prüfen Sie den Schlüssel: Er ist vielleicht widerrufen, falsch eingegeben oder für einen anderen Dienst</translation>
    </message>
    <message>
        <source>OpenAI-compatible servers usually serve under /v1: try %1/v1</source>
        <translation>OpenAI-kompatible Server antworten meist unter /v1: versuchen Sie %1/v1</translation>
    </message>
    <message>
        <source>none chosen; using %1 for the next checks</source>
        <translation>keines gewählt; für die nächsten Prüfungen wird %1 verwendet</translation>
    </message>
    <message>
        <source>%1 is available</source>
        <translation>%1 ist verfügbar</translation>
    </message>
    <message>
        <source>%1 is not among the server&apos;s models</source>
        <translation>%1 ist nicht unter den Modellen des Servers</translation>
    </message>
    <message>
        <source>try: ollama pull %1</source>
        <translation>versuchen Sie: ollama pull %1</translation>
    </message>
    <message>
        <source>choose one of: %1</source>
        <translation>wählen Sie eines von: %1</translation>
    </message>
    <message>
        <source>answered (thinking only) in %1</source>
        <translation>antwortete (nur Denkprozess) in %1</translation>
    </message>
    <message>
        <source>answered &quot;%1&quot; in %2</source>
        <translation>antwortete „%1“ in %2</translation>
    </message>
    <message>
        <source>; loading the model took %1</source>
        <translation>; das Laden des Modells dauerte %1</translation>
    </message>
    <message>
        <source>first token after %1; %2 chunks</source>
        <translation>erstes Token nach %1; %2 Teile</translation>
    </message>
    <message>
        <source>, all at once</source>
        <translation>, alle auf einmal</translation>
    </message>
    <message>
        <source>the stream arrived in one burst: a proxy is buffering it (nginx: proxy_buffering off, or send X-Accel-Buffering: no)</source>
        <translation>der Stream kam in einem Stück an: ein Proxy puffert ihn (nginx: proxy_buffering off, oder senden Sie X-Accel-Buffering: no)</translation>
    </message>
    <message>
        <source>, arriving incrementally</source>
        <translation>, nach und nach eintreffend</translation>
    </message>
    <message>
        <source>if non-streaming works but streaming stalls, a proxy may be breaking streams: turn streaming off for this provider</source>
        <translation>wenn es ohne Streaming geht, aber Streaming stockt, stört vielleicht ein Proxy die Streams: schalten Sie Streaming für diesen Anbieter ab</translation>
    </message>
    <message>
        <source>only Ollama reports loaded models</source>
        <translation>nur Ollama meldet geladene Modelle</translation>
    </message>
    <message>
        <source>GET /api/ps answered HTTP %1</source>
        <translation>GET /api/ps antwortete mit HTTP %1</translation>
    </message>
    <message>
        <source>%1 is loaded</source>
        <translation>%1 ist geladen</translation>
    </message>
    <message>
        <source> (%1, %2 in GPU memory)</source>
        <translation> (%1, %2 im GPU-Speicher)</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keiner</translation>
    </message>
    <message>
        <source>; unloads in %1 min</source>
        <translation>; wird in %1 min entladen</translation>
    </message>
    <message>
        <source>%1 is not loaded now (the next request loads it)</source>
        <translation>%1 ist gerade nicht geladen (die nächste Anfrage lädt es)</translation>
    </message>
    <message>
        <source>1 model: %1</source>
        <translation>1 Modell: %1</translation>
    </message>
    <message>
        <source>%1 models: %2</source>
        <translation>%1 Modelle: %2</translation>
    </message>
    <message>
        <source>%1 is answered by the server&apos;s one model, %2</source>
        <translation>%1 wird vom einzigen Modell des Servers beantwortet, %2</translation>
    </message>
    <message>
        <source>the server works, this model keeps repeating itself: try another model, or a higher repeat penalty</source>
        <translation>der Server funktioniert, dieses Modell wiederholt sich ständig: ein anderes Modell versuchen oder die Wiederholungsstrafe erhöhen</translation>
    </message>
</context>
<context>
    <name>Sluice::DocumentActions</name>
    <message>
        <source>Save File</source>
        <translation>Datei speichern</translation>
    </message>
    <message>
        <source>%1 could not be read from the history.</source>
        <translation>%1 konnte nicht aus dem Verlauf gelesen werden.</translation>
    </message>
    <message>
        <source>Could not open %1: no temporary folder (%2).</source>
        <translation>%1 konnte nicht geöffnet werden: kein temporärer Ordner (%2).</translation>
    </message>
    <message>
        <source>Could not open %1: %2</source>
        <translation>%1 konnte nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <source>No application opens %1; use Save As… to keep it.</source>
        <translation>Keine Anwendung öffnet %1; mit „Speichern unter …“ können Sie die Datei behalten.</translation>
    </message>
    <message>
        <source>Could not save %1: %2</source>
        <translation>%1 konnte nicht gespeichert werden: %2</translation>
    </message>
    <message>
        <source>Saved %1.</source>
        <translation>%1 gespeichert.</translation>
    </message>
    <message>
        <source>Open %1</source>
        <translation>%1 öffnen</translation>
    </message>
    <message>
        <source>Save %1 As…</source>
        <translation>%1 speichern unter …</translation>
    </message>
</context>
<context>
    <name>Sluice::HeaderCheck</name>
    <message>
        <source>Provider &quot;%1&quot;: the header %2 contains a line break or NUL character, which would end the header on the wire; remove it.</source>
        <extracomment>%1 = provider name, %2 = header name (or &quot;api_key&quot;)</extracomment>
        <translation>Anbieter „%1“: Der Header %2 enthält ein Zeilenumbruch- oder NUL-Zeichen, das den Header bei der Übertragung beenden würde; entfernen Sie es.</translation>
    </message>
    <message>
        <source>Provider &quot;%1&quot;: the API key contains a line break or NUL character, which would end the header on the wire; remove it.</source>
        <translation>Anbieter „%1“: Der API-Schlüssel enthält ein Zeilenumbruch- oder NUL-Zeichen, das den Header bei der Übertragung beenden würde; entfernen Sie es.</translation>
    </message>
</context>
<context>
    <name>Sluice::HistoryDatabase</name>
    <message>
        <source>History will not be saved in this session: %1</source>
        <translation>Der Verlauf wird in dieser Sitzung nicht gespeichert: %1</translation>
    </message>
    <message>
        <source>the folder %1 could not be created.</source>
        <translation type="vanished">der Ordner %1 konnte nicht angelegt werden.</translation>
    </message>
    <message>
        <source>the history database %1 is damaged and could not be moved aside.</source>
        <translation>die Verlaufsdatenbank %1 ist beschädigt und konnte nicht beiseitegelegt werden.</translation>
    </message>
    <message>
        <source>The history database could not be read (%1); it was kept as %2 and a new, empty history was started.</source>
        <translation>Die Verlaufsdatenbank konnte nicht gelesen werden (%1); sie wurde als %2 aufbewahrt und ein neuer, leerer Verlauf begonnen.</translation>
    </message>
    <message>
        <source>The history database %1 was written by a newer version of Sluice (schema %2; this version knows up to %3), so it was left untouched.</source>
        <translation>Die Verlaufsdatenbank %1 wurde von einer neueren Version von Sluice geschrieben (Schema %2; diese Version kennt bis %3) und wurde daher nicht angerührt.</translation>
    </message>
    <message>
        <source>the history database %1 could not be opened (%2).</source>
        <translation>die Verlaufsdatenbank %1 konnte nicht geöffnet werden (%2).</translation>
    </message>
    <message>
        <source>the history database %1 cannot be written: %2.</source>
        <translation>die Verlaufsdatenbank %1 kann nicht geschrieben werden: %2.</translation>
    </message>
</context>
<context>
    <name>Sluice::HistoryFiles</name>
    <message>
        <source>the folder %1 could not be created</source>
        <translation>der Ordner %1 konnte nicht angelegt werden</translation>
    </message>
    <message>
        <source>%1 could not be created: %2</source>
        <translation>%1 konnte nicht angelegt werden: %2</translation>
    </message>
    <message>
        <source>%1 is read-only</source>
        <translation>%1 ist schreibgeschützt</translation>
    </message>
    <message>
        <source>%1 belongs to another user (was Sluice run with sudo?)</source>
        <translation>%1 gehört einem anderen Benutzer (wurde Sluice mit sudo gestartet?)</translation>
    </message>
    <message>
        <source>the folder %1 is read-only</source>
        <translation>der Ordner %1 ist schreibgeschützt</translation>
    </message>
</context>
<context>
    <name>Sluice::HistorySidebar</name>
    <message>
        <source>Search conversations</source>
        <translation>Unterhaltungen durchsuchen</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Rückgängig</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>Umbenennen</translation>
    </message>
    <message>
        <source>Pin or Unpin</source>
        <translation>Anheften oder lösen</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>No messages match “%1”.</source>
        <translation type="vanished">Keine Nachrichten passen zu „%1“.</translation>
    </message>
    <message>
        <source>Deleted “%1”.</source>
        <translation>„%1“ gelöscht.</translation>
    </message>
    <message>
        <source>Title matches</source>
        <translation>Treffer im Titel</translation>
    </message>
    <message>
        <source>Thinking:</source>
        <translation>Denkprozess:</translation>
    </message>
    <message numerus="yes">
        <source>%n+ matches</source>
        <translation>
            <numerusform>%n+ Treffer</numerusform>
            <numerusform>%n+ Treffer</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n matches</source>
        <translation>
            <numerusform>%n Treffer</numerusform>
            <numerusform>%n Treffer</numerusform>
        </translation>
    </message>
    <message>
        <source>No conversation or message matches “%1”.</source>
        <translation>Keine Unterhaltung und keine Nachricht passt zu „%1“.</translation>
    </message>
    <message>
        <source>Clear search</source>
        <translation>Suche leeren</translation>
    </message>
    <message>
        <source>Conversations</source>
        <translation>Unterhaltungen</translation>
    </message>
    <message>
        <source>Search results</source>
        <translation>Suchergebnisse</translation>
    </message>
</context>
<context>
    <name>Sluice::ImageRequest</name>
    <message>
        <source>The server did not accept the images (%1). They are back in the message box: choose a model that reads images, or remove them and send again.</source>
        <translation>Der Server hat die Bilder nicht angenommen (%1). Sie sind wieder im Eingabefeld: Wählen Sie ein Modell, das Bilder liest, oder entfernen Sie sie und senden Sie erneut.</translation>
    </message>
</context>
<context>
    <name>Sluice::ImageViewer</name>
    <message>
        <source>Save Image</source>
        <translation>Bild speichern</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>Verkleinern</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>Vergrößern</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>Einpassen</translation>
    </message>
    <message>
        <source>Fit to window</source>
        <translation>An Fenster anpassen</translation>
    </message>
    <message>
        <source>Ctrl+0</source>
        <translation>Ctrl+0</translation>
    </message>
    <message>
        <source>100%</source>
        <translation>100 %</translation>
    </message>
    <message>
        <source>Actual size</source>
        <translation>Originalgröße</translation>
    </message>
    <message>
        <source>Ctrl+1</source>
        <translation>Ctrl+1</translation>
    </message>
    <message>
        <source>Save As…</source>
        <translation>Speichern unter …</translation>
    </message>
    <message>
        <source>This image cannot be shown; Save As… still writes the file.</source>
        <translation>Dieses Bild kann nicht angezeigt werden; „Speichern unter …“ schreibt die Datei trotzdem.</translation>
    </message>
    <message>
        <source>%1 × %2 · %3%</source>
        <translation>%1 × %2 · %3 %</translation>
    </message>
    <message>
        <source>Could not save %1: %2.</source>
        <translation>%1 konnte nicht gespeichert werden: %2.</translation>
    </message>
    <message>
        <source>Saved %1.</source>
        <translation>%1 gespeichert.</translation>
    </message>
    <message>
        <source>%1 could not be read from the history.</source>
        <translation>%1 konnte nicht aus dem Verlauf gelesen werden.</translation>
    </message>
    <message>
        <source>Open %1</source>
        <translation>%1 öffnen</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>Bild</translation>
    </message>
</context>
<context>
    <name>Sluice::KeychainSecretStore</name>
    <message>
        <source>The keychain has no key for &quot;%1&quot;.</source>
        <translation>Der Schlüsselbund enthält keinen Schlüssel für „%1“.</translation>
    </message>
    <message>
        <source>No keychain is available on this system (%1).</source>
        <translation>Auf diesem System ist kein Schlüsselbund verfügbar (%1).</translation>
    </message>
    <message>
        <source>The keychain refused access to the key for &quot;%1&quot;.</source>
        <translation>Der Schlüsselbund hat den Zugriff auf den Schlüssel für „%1“ verweigert.</translation>
    </message>
    <message>
        <source>The keychain could not be used: %1</source>
        <translation>Der Schlüsselbund konnte nicht verwendet werden: %1</translation>
    </message>
    <message>
        <source>The keychain could not delete the key for &quot;%1&quot;: %2</source>
        <translation>Der Schlüsselbund konnte den Schlüssel für „%1“ nicht löschen: %2</translation>
    </message>
</context>
<context>
    <name>Sluice::MainWindow</name>
    <message>
        <source>No server configured</source>
        <translation>Kein Server eingerichtet</translation>
    </message>
    <message>
        <source>Add an Ollama, OpenAI-compatible or Anthropic server in Settings.</source>
        <translation>Fügen Sie in den Einstellungen einen Ollama-, OpenAI-kompatiblen oder Anthropic-Server hinzu.</translation>
    </message>
    <message>
        <source>%1 at %2</source>
        <translation>%1 unter %2</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Verbinde …</translation>
    </message>
    <message>
        <source>Asking %1 for its models.</source>
        <translation>%1 wird nach seinen Modellen gefragt.</translation>
    </message>
    <message>
        <source>Can&apos;t reach %1</source>
        <translation>%1 nicht erreichbar</translation>
    </message>
    <message>
        <source>%1 did not answer: %2</source>
        <translation>%1 hat nicht geantwortet: %2</translation>
    </message>
    <message>
        <source>&lt;b&gt;Start Ollama&lt;/b&gt; — open the Ollama app, or run &lt;code&gt;ollama serve&lt;/code&gt; in a terminal — then press Try Again. Or choose another server in Settings.</source>
        <translation>&lt;b&gt;Ollama starten&lt;/b&gt; – öffnen Sie die Ollama-App oder führen Sie &lt;code&gt;ollama serve&lt;/code&gt; in einem Terminal aus – und klicken Sie dann auf „Erneut versuchen“. Oder wählen Sie in den Einstellungen einen anderen Server.</translation>
    </message>
    <message>
        <source>Check that the server is running and its address is right, then press Try Again.</source>
        <translation>Prüfen Sie, ob der Server läuft und seine Adresse stimmt, und klicken Sie dann auf „Erneut versuchen“.</translation>
    </message>
    <message>
        <source>Start a conversation</source>
        <translation>Unterhaltung beginnen</translation>
    </message>
    <message>
        <source>Replies come from &lt;b&gt;%1&lt;/b&gt; on %2.</source>
        <translation>Antworten kommen von &lt;b&gt;%1&lt;/b&gt; auf %2.</translation>
    </message>
    <message>
        <source>No models on this server</source>
        <translation>Keine Modelle auf diesem Server</translation>
    </message>
    <message>
        <source>%1 has no models yet. Download one with &lt;code&gt;ollama pull llama3.2&lt;/code&gt;, then press Try Again.</source>
        <translation>%1 hat noch keine Modelle. Laden Sie eines mit &lt;code&gt;ollama pull llama3.2&lt;/code&gt; herunter und klicken Sie dann auf „Erneut versuchen“.</translation>
    </message>
    <message>
        <source>%1 lists no models. Type a model name above.</source>
        <translation>%1 führt keine Modelle auf. Geben Sie oben einen Modellnamen ein.</translation>
    </message>
    <message>
        <source>Choose a model</source>
        <translation>Modell auswählen</translation>
    </message>
    <message numerus="yes">
        <source>Pick one of the %n model(s) on %1 above to start.</source>
        <translation>
            <numerusform>Wählen Sie oben ein Modell auf %1 (%n verfügbar), um zu beginnen.</numerusform>
            <numerusform>Wählen Sie oben eines der %n Modelle auf %1, um zu beginnen.</numerusform>
        </translation>
    </message>
    <message>
        <source>Listing models failed: %1</source>
        <translation>Auflisten der Modelle fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Sluice</source>
        <translation>Sluice</translation>
    </message>
    <message>
        <source>Reply status</source>
        <translation>Antwortstatus</translation>
    </message>
    <message>
        <source>Ctrl+,</source>
        <translation>Ctrl+,</translation>
    </message>
    <message>
        <source>Ctrl+Q</source>
        <translation>Ctrl+Q</translation>
    </message>
    <message>
        <source>Copied the last reply.</source>
        <translation>Letzte Antwort kopiert.</translation>
    </message>
    <message>
        <source>Send the message (Enter)</source>
        <translation type="vanished">Nachricht senden (Enter)</translation>
    </message>
    <message>
        <source>Download, load and remove the models of this Ollama server</source>
        <translation>Die Modelle dieses Ollama-Servers herunterladen, laden und entfernen</translation>
    </message>
    <message>
        <source>Managing models needs an Ollama server</source>
        <translation>Die Modellverwaltung erfordert einen Ollama-Server</translation>
    </message>
    <message>
        <source>Settings are not available here.</source>
        <translation>Die Einstellungen sind hier nicht verfügbar.</translation>
    </message>
    <message>
        <source>Not opened: %1 (only web and mail links open from replies).</source>
        <translation>Nicht geöffnet: %1 (aus Antworten werden nur Web- und E-Mail-Links geöffnet).</translation>
    </message>
    <message>
        <source>Ctrl+Shift+M</source>
        <translation>Ctrl+Shift+M</translation>
    </message>
    <message>
        <source>Ctrl+M</source>
        <translation>Ctrl+M</translation>
    </message>
    <message>
        <source>Ctrl+N</source>
        <translation>Ctrl+N</translation>
    </message>
    <message>
        <source>Esc</source>
        <translation>Esc</translation>
    </message>
    <message>
        <source>Ctrl+R</source>
        <translation>Ctrl+R</translation>
    </message>
    <message>
        <source>Ctrl+Shift+C</source>
        <translation>Ctrl+Shift+C</translation>
    </message>
    <message>
        <source>Ctrl+L</source>
        <translation>Ctrl+L</translation>
    </message>
    <message>
        <source>Ctrl+Shift+,</source>
        <translation>Ctrl+Shift+,</translation>
    </message>
    <message>
        <source>F5</source>
        <translation>F5</translation>
    </message>
    <message>
        <source>Ctrl+Shift+S</source>
        <translation>Ctrl+Shift+S</translation>
    </message>
    <message>
        <source>Ctrl+K</source>
        <translation>Ctrl+K</translation>
    </message>
    <message>
        <source>Ctrl+F</source>
        <translation>Ctrl+F</translation>
    </message>
    <message>
        <source>Ctrl+Tab</source>
        <translation>Ctrl+Tab</translation>
    </message>
    <message>
        <source>Ctrl+PgDown</source>
        <translation>Ctrl+PgDown</translation>
    </message>
    <message>
        <source>Ctrl+Shift+Tab</source>
        <translation>Ctrl+Shift+Tab</translation>
    </message>
    <message>
        <source>Ctrl+Shift+Backtab</source>
        <translation>Ctrl+Shift+Backtab</translation>
    </message>
    <message>
        <source>Ctrl+PgUp</source>
        <translation>Ctrl+PgUp</translation>
    </message>
    <message>
        <source>Searching needs the history, which is not open.</source>
        <translation>Die Suche erfordert den Verlauf, der nicht geöffnet ist.</translation>
    </message>
</context>
<context>
    <name>Sluice::Mcp</name>
    <message>
        <source>[%1 %2 not shown to the model]</source>
        <extracomment>%1 is &quot;image&quot; or &quot;audio&quot;, %2 a MIME type such as image/png</extracomment>
        <translation>[%1 %2 dem Modell nicht gezeigt]</translation>
    </message>
    <message>
        <source>[resource %1]</source>
        <extracomment>%1 is a resource&apos;s URI</extracomment>
        <translation>[Ressource %1]</translation>
    </message>
    <message>
        <source>[content of type &quot;%1&quot;]</source>
        <extracomment>%1 is the type name a server gave to a piece of a tool&apos;s result</extracomment>
        <translation>[Inhalt vom Typ „%1“]</translation>
    </message>
    <message>
        <source>its parameter &quot;%1&quot; has an invalid x-mcp-header</source>
        <extracomment>%1 is a tool parameter&apos;s name</extracomment>
        <translation>sein Parameter „%1“ hat einen ungültigen x-mcp-header</translation>
    </message>
    <message>
        <source>a tool without a name</source>
        <translation>ein Werkzeug ohne Namen</translation>
    </message>
    <message>
        <source>&quot;%1&quot; (no input schema)</source>
        <translation>„%1“ (kein Eingabeschema)</translation>
    </message>
</context>
<context>
    <name>Sluice::McpClient</name>
    <message>
        <source>%1 Its last words: %2</source>
        <extracomment>%1 is a sentence, %2 the last line an MCP server logged</extracomment>
        <translation>%1 Seine letzten Worte: %2</translation>
    </message>
    <message>
        <source>The MCP server &quot;%1&quot; was stopped.</source>
        <extracomment>%1 is a server&apos;s name</extracomment>
        <translation>Der MCP-Server „%1“ wurde angehalten.</translation>
    </message>
    <message>
        <source>The MCP server &quot;%1&quot; is not running.</source>
        <extracomment>%1 is a server&apos;s name</extracomment>
        <translation>Der MCP-Server „%1“ läuft nicht.</translation>
    </message>
    <message>
        <source>The MCP server &quot;%1&quot; answered %2 with a &quot;%3&quot; result, which Sluice cannot complete.</source>
        <extracomment>%1 is a server&apos;s name, %2 a method such as tools/call, %3 the result&apos;s type</extracomment>
        <translation>Der MCP-Server „%1“ hat %2 mit einem Ergebnis vom Typ „%3“ beantwortet, das Sluice nicht abschließen kann.</translation>
    </message>
    <message>
        <source>The MCP server &quot;%1&quot; refused %2: %3.</source>
        <extracomment>%1 is a server&apos;s name, %2 a method such as tools/call, %3 the server&apos;s error</extracomment>
        <translation>Der MCP-Server „%1“ hat %2 abgelehnt: %3.</translation>
    </message>
    <message>
        <source>an answer without a result</source>
        <translation>eine Antwort ohne Ergebnis</translation>
    </message>
    <message>
        <source>The MCP server &quot;%1&quot; did not start within %2 s; Sluice stopped it.</source>
        <extracomment>%1 is a server&apos;s name, %2 a number of seconds</extracomment>
        <translation>Der MCP-Server „%1“ ist nicht innerhalb von %2 s gestartet; Sluice hat ihn angehalten.</translation>
    </message>
    <message>
        <source>The MCP server &quot;%1&quot; did not start within %2 s (no answer to %3); Sluice stopped it.</source>
        <translation>Der MCP-Server „%1“ ist nicht innerhalb von %2 s gestartet (keine Antwort auf %3); Sluice hat ihn angehalten.</translation>
    </message>
    <message>
        <source>The MCP server &quot;%1&quot; did not answer %2 within %3 s; Sluice stopped it.</source>
        <translation>Der MCP-Server „%1“ hat %2 nicht innerhalb von %3 s beantwortet; Sluice hat ihn angehalten.</translation>
    </message>
    <message>
        <source>The MCP server &quot;%1&quot; did not answer %2 within %3 s; Sluice gave up on it.</source>
        <extracomment>%1 is a server&apos;s name, %2 a method such as tools/call, %3 seconds</extracomment>
        <translation>Der MCP-Server „%1“ hat %2 nicht innerhalb von %3 s beantwortet; Sluice hat aufgegeben.</translation>
    </message>
    <message>
        <source>The MCP server &quot;%1&quot; speaks MCP %2, which Sluice does not.</source>
        <extracomment>%1 is a server&apos;s name, %2 the protocol versions it named</extracomment>
        <translation>Der MCP-Server „%1“ spricht MCP %2, Sluice aber nicht.</translation>
    </message>
    <message>
        <source>The MCP server &quot;%1&quot; refused Sluice&apos;s request: %2.</source>
        <extracomment>%1 is a server&apos;s name, %2 the server&apos;s error</extracomment>
        <translation>Der MCP-Server „%1“ hat die Anfrage von Sluice abgelehnt: %2.</translation>
    </message>
    <message>
        <source>The MCP server &quot;%1&quot; speaks MCP %2; Sluice speaks %3.</source>
        <extracomment>%1 is a server&apos;s name, %2 a version such as 2024-11-05, %3 a list of them</extracomment>
        <translation>Der MCP-Server „%1“ spricht MCP %2; Sluice spricht %3.</translation>
    </message>
</context>
<context>
    <name>Sluice::McpHttpTransport</name>
    <message>
        <source>The MCP server &quot;%1&quot; sent an answer larger than %2 MB.</source>
        <translation>Der MCP-Server „%1“ hat eine Antwort größer als %2 MB gesendet.</translation>
    </message>
    <message>
        <source>The MCP server &quot;%1&quot; sent an event larger than %2 MB.</source>
        <translation>Der MCP-Server „%1“ hat ein Ereignis größer als %2 MB gesendet.</translation>
    </message>
    <message>
        <source>The MCP server &quot;%1&quot; ended its answer without a response.</source>
        <translation>Der MCP-Server „%1“ hat seine Antwort ohne Ergebnis beendet.</translation>
    </message>
    <message>
        <source>The MCP server &quot;%1&quot; could not be reached: %2.</source>
        <extracomment>%1 is a server&apos;s name, %2 the network&apos;s reason</extracomment>
        <translation>Der MCP-Server „%1“ ist nicht erreichbar: %2.</translation>
    </message>
    <message>
        <source>The MCP server &quot;%1&quot; answered HTTP %2%3.</source>
        <extracomment>%1 is a server&apos;s name, %2 an HTTP status such as 401, %3 the server&apos;s reason</extracomment>
        <translation>Der MCP-Server „%1“ hat mit HTTP %2%3 geantwortet.</translation>
    </message>
</context>
<context>
    <name>Sluice::McpSecrets</name>
    <message>
        <source>The MCP server &quot;%1&quot; keeps %2 in the keychain, which is not available here.</source>
        <extracomment>%1 is a server&apos;s name, %2 an environment variable or header name</extracomment>
        <translation>Der MCP-Server „%1“ hat %2 im Schlüsselbund, der hier nicht verfügbar ist.</translation>
    </message>
    <message>
        <source>The MCP server &quot;%1&quot; keeps %2 in the keychain, but it could not be read: %3</source>
        <extracomment>%1 is a server&apos;s name, %2 a variable or header name, %3 the reason</extracomment>
        <translation>Der MCP-Server „%1“ hat %2 im Schlüsselbund, aber es konnte nicht gelesen werden: %3</translation>
    </message>
    <message>
        <source>there is no such entry.</source>
        <translation>es gibt keinen solchen Eintrag.</translation>
    </message>
    <message>
        <source>The MCP server &quot;%1&quot;: the value of %2 has a &quot;${&quot; without its &quot;}&quot;.</source>
        <extracomment>%1 is a server&apos;s name, %2 a variable or header name, %3 an environment variable</extracomment>
        <translation>MCP-Server „%1“: Der Wert von %2 enthält ein &quot;${&quot; ohne sein &quot;}&quot;.</translation>
    </message>
    <message>
        <source>The MCP server &quot;%1&quot; needs the environment variable %3 for %2, and it is not set.</source>
        <translation>Der MCP-Server „%1“ braucht für %2 die Umgebungsvariable %3, und sie ist nicht gesetzt.</translation>
    </message>
</context>
<context>
    <name>Sluice::McpServerConfig</name>
    <message>
        <source>The MCP server &quot;%1&quot; was not imported: </source>
        <extracomment>%1 is a server&apos;s name in another program&apos;s settings file; a reason follows</extracomment>
        <translation>Der MCP-Server „%1“ wurde nicht importiert: </translation>
    </message>
    <message>
        <source>%1 cannot be read: %2.</source>
        <extracomment>%1 is a file path, %2 the system&apos;s reason</extracomment>
        <translation>%1 kann nicht gelesen werden: %2.</translation>
    </message>
    <message>
        <source>%1 is not an MCP settings file: it needs an &quot;mcpServers&quot; object.</source>
        <extracomment>%1 is a file path</extracomment>
        <translation>%1 ist keine MCP-Einstellungsdatei: Es fehlt ein Objekt &quot;mcpServers&quot;.</translation>
    </message>
    <message>
        <source>The imported MCP server &quot;%1&quot; was added as &quot;%2&quot; because &quot;%1&quot; already exists.</source>
        <extracomment>%1 and %2 are MCP server names</extracomment>
        <translation>Der importierte MCP-Server „%1“ wurde als „%2“ hinzugefügt, weil es „%1“ bereits gibt.</translation>
    </message>
</context>
<context>
    <name>Sluice::McpServerEditor</name>
    <message>
        <source>Add MCP server</source>
        <translation>MCP-Server hinzufügen</translation>
    </message>
    <message>
        <source>Edit MCP server</source>
        <translation>MCP-Server bearbeiten</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Runs as</source>
        <translation>Läuft als</translation>
    </message>
    <message>
        <source>A program (stdio)</source>
        <translation>Programm (stdio)</translation>
    </message>
    <message>
        <source>An HTTP address</source>
        <translation>HTTP-Adresse</translation>
    </message>
    <message>
        <source>Program</source>
        <translation>Programm</translation>
    </message>
    <message>
        <source>Arguments</source>
        <translation>Argumente</translation>
    </message>
    <message>
        <source>Working folder</source>
        <translation>Arbeitsordner</translation>
    </message>
    <message>
        <source>your home folder</source>
        <translation>Ihr persönlicher Ordner</translation>
    </message>
    <message>
        <source>Environment</source>
        <translation>Umgebung</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>Headers</source>
        <translation>Header</translation>
    </message>
    <message>
        <source>Allowed tools</source>
        <translation>Erlaubte Werkzeuge</translation>
    </message>
    <message>
        <source>all of them</source>
        <translation>alle</translation>
    </message>
    <message>
        <source>Start-up limit</source>
        <translation>Zeitlimit für den Start</translation>
    </message>
    <message>
        <source>Call limit</source>
        <translation>Zeitlimit pro Aufruf</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>Enabled: chats may use its tools</source>
        <translation>Aktiviert: Chats dürfen seine Werkzeuge verwenden</translation>
    </message>
    <message>
        <source>Enabled</source>
        <translation>Aktiviert</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;Runs as:</source>
        <translation>&amp;Läuft als:</translation>
    </message>
    <message>
        <source>&amp;Program:</source>
        <translation>&amp;Programm:</translation>
    </message>
    <message>
        <source>&amp;Arguments:</source>
        <translation>&amp;Argumente:</translation>
    </message>
    <message>
        <source>&amp;Working folder:</source>
        <translation>Arbeits&amp;ordner:</translation>
    </message>
    <message>
        <source>En&amp;vironment:</source>
        <translation>&amp;Umgebung:</translation>
    </message>
    <message>
        <source>A&amp;ddress:</source>
        <translation>A&amp;dresse:</translation>
    </message>
    <message>
        <source>&amp;Headers:</source>
        <translation>&amp;Header:</translation>
    </message>
    <message>
        <source>Allowed &amp;tools:</source>
        <translation>Erlaubte &amp;Werkzeuge:</translation>
    </message>
    <message>
        <source>&amp;Start-up limit:</source>
        <translation>Zeitlimit für den &amp;Start:</translation>
    </message>
    <message>
        <source>&amp;Call limit:</source>
        <translation>Zeitlimit pro Auf&amp;ruf:</translation>
    </message>
    <message>
        <source>There is already an MCP server named &quot;%1&quot;.</source>
        <extracomment>%1 is an MCP server&apos;s name</extracomment>
        <translation>Es gibt bereits einen MCP-Server namens „%1“.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a name: write one NAME=value (or Name: value) a line.</source>
        <extracomment>%1 is what the user typed as a variable or header name</extracomment>
        <translation>„%1“ ist kein Name: Schreiben Sie pro Zeile ein NAME=Wert (oder Name: Wert).</translation>
    </message>
    <message>
        <source>%1 %2.</source>
        <extracomment>%1 is a field such as mcp.files.command, %2 what is wrong with it</extracomment>
        <translation>%1 %2.</translation>
    </message>
</context>
<context>
    <name>Sluice::McpServersPage</name>
    <message>
        <source>Programs and services whose tools a model may call (MCP servers). A server starts when a chat first needs it.</source>
        <translation>Programme und Dienste, deren Werkzeuge ein Modell aufrufen darf (MCP-Server). Ein Server startet, sobald ein Chat ihn zum ersten Mal braucht.</translation>
    </message>
    <message>
        <source>MCP servers</source>
        <translation type="vanished">MCP-Server</translation>
    </message>
    <message>
        <source>&amp;Servers (the check box enables one):</source>
        <translation>&amp;Server (das Kontrollkästchen aktiviert einen):</translation>
    </message>
    <message>
        <source>A&amp;dd…</source>
        <translation>&amp;Hinzufügen …</translation>
    </message>
    <message>
        <source>Add an MCP server</source>
        <translation>Einen MCP-Server hinzufügen</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>Bea&amp;rbeiten …</translation>
    </message>
    <message>
        <source>Edit the MCP server</source>
        <translation>Den MCP-Server bearbeiten</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Entfernen</translation>
    </message>
    <message>
        <source>Remove the MCP server</source>
        <translation>Den MCP-Server entfernen</translation>
    </message>
    <message>
        <source>&amp;Test</source>
        <translation>&amp;Testen</translation>
    </message>
    <message>
        <source>Test the MCP server</source>
        <translation>Den MCP-Server testen</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>&amp;Importieren …</translation>
    </message>
    <message>
        <source>Import MCP servers from another program</source>
        <translation>MCP-Server aus einem anderen Programm importieren</translation>
    </message>
    <message>
        <source>Test result</source>
        <translation>Testergebnis</translation>
    </message>
    <message>
        <source>Test lists the tools of the selected server.</source>
        <translation>„Testen“ listet die Werkzeuge des ausgewählten Servers auf.</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <extracomment>%1 is an MCP server&apos;s name, %2 its program and arguments or its address</extracomment>
        <translation>%1 – %2</translation>
    </message>
    <message>
        <source>Import MCP servers</source>
        <translation>MCP-Server importieren</translation>
    </message>
    <message>
        <source>MCP settings (*.json)</source>
        <translation>MCP-Einstellungen (*.json)</translation>
    </message>
    <message numerus="yes">
        <source>Imported %n MCP server(s) from %1; Save keeps them.</source>
        <extracomment>%1 is a file path</extracomment>
        <translation>
            <numerusform>%n MCP-Server aus %1 importiert; mit „Speichern“ bleibt er erhalten.</numerusform>
            <numerusform>%n MCP-Server aus %1 importiert; mit „Speichern“ bleiben sie erhalten.</numerusform>
        </translation>
    </message>
    <message>
        <source>Starting &quot;%1&quot;…</source>
        <extracomment>%1 is an MCP server&apos;s name</extracomment>
        <translation>Starte „%1“ …</translation>
    </message>
    <message numerus="yes">
        <source>&quot;%1&quot; works (MCP %2). Its tools:</source>
        <extracomment>%1 is a server&apos;s name, %2 an MCP revision such as 2025-11-25</extracomment>
        <translation>
            <numerusform>„%1“ funktioniert (MCP %2). Sein Werkzeug:</numerusform>
            <numerusform>„%1“ funktioniert (MCP %2). Seine Werkzeuge:</numerusform>
        </translation>
    </message>
    <message>
        <source> (not allowed)</source>
        <translation> (nicht erlaubt)</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(keine)</translation>
    </message>
    <message>
        <source>%1 of &quot;%2&quot; stays in sluice.json: the keychain could not keep it (%3). A $VARIABLE keeps it out of the file.</source>
        <extracomment>%1 is a header or variable name, %2 a server name, %3 why</extracomment>
        <translation>%1 von „%2“ bleibt in sluice.json: Der Schlüsselbund konnte es nicht aufnehmen (%3). Mit einer $VARIABLE bleibt es aus der Datei heraus.</translation>
    </message>
    <message>
        <source>Rounds of tool calls per question</source>
        <translation type="vanished">Runden von Werkzeugaufrufen pro Frage</translation>
    </message>
    <message>
        <source>Stop a reply after this many ro&amp;unds of tool calls:</source>
        <translation>Eine Antwort nach so vielen R&amp;unden von Werkzeugaufrufen anhalten:</translation>
    </message>
    <message>
        <source>Servers</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>Stop a reply after this many rounds of tool calls</source>
        <translation>Eine Antwort nach so vielen Runden von Werkzeugaufrufen anhalten</translation>
    </message>
</context>
<context>
    <name>Sluice::McpStdioTransport</name>
    <message>
        <source>The MCP server &quot;%1&quot; could not start &quot;%2&quot;: %3.</source>
        <extracomment>%1 is a server&apos;s name, %2 the program, %3 the system&apos;s reason</extracomment>
        <translation>Der MCP-Server „%1“ konnte „%2“ nicht starten: %3.</translation>
    </message>
    <message>
        <source>The MCP server &quot;%1&quot; crashed.</source>
        <translation>Der MCP-Server „%1“ ist abgestürzt.</translation>
    </message>
    <message>
        <source>The MCP server &quot;%1&quot; exited with code %2.</source>
        <translation>Der MCP-Server „%1“ wurde mit Code %2 beendet.</translation>
    </message>
    <message>
        <source>%1 Its last words: %2</source>
        <translation>%1 Seine letzten Worte: %2</translation>
    </message>
    <message>
        <source>The MCP server &quot;%1&quot; wrote a message longer than %2 MB; Sluice stopped it.</source>
        <extracomment>%1 is a server&apos;s name, %2 a size in MB</extracomment>
        <translation>Der MCP-Server „%1“ hat eine Nachricht länger als %2 MB geschrieben; Sluice hat ihn angehalten.</translation>
    </message>
    <message>
        <source>The MCP server &quot;%1&quot; wrote more than %2 KB to its output that is not MCP messages; Sluice stopped it.</source>
        <extracomment>%1 is a server&apos;s name, %2 a size in KB</extracomment>
        <translation>Der MCP-Server „%1“ hat mehr als %2 KB in seine Ausgabe geschrieben, die keine MCP-Nachrichten sind; Sluice hat ihn angehalten.</translation>
    </message>
</context>
<context>
    <name>Sluice::McpToolbox</name>
    <message>
        <source>The tool call was stopped.</source>
        <translation>Der Werkzeugaufruf wurde angehalten.</translation>
    </message>
    <message>
        <source>There is no enabled MCP server named &quot;%1&quot;.</source>
        <extracomment>%1 is a server&apos;s name</extracomment>
        <translation>Es gibt keinen aktivierten MCP-Server namens „%1“.</translation>
    </message>
    <message>
        <source>The tool &quot;%1&quot; of the MCP server &quot;%2&quot; is not in its allowed tools.</source>
        <extracomment>%1 is a tool&apos;s name, %2 a server&apos;s name</extracomment>
        <translation>Das Werkzeug „%1“ des MCP-Servers „%2“ gehört nicht zu seinen erlaubten Werkzeugen.</translation>
    </message>
    <message>
        <source>Sluice is closing.</source>
        <translation>Sluice wird beendet.</translation>
    </message>
    <message>
        <source>The settings of the MCP server &quot;%1&quot; changed.</source>
        <extracomment>%1 is a server&apos;s name</extracomment>
        <translation>Die Einstellungen des MCP-Servers „%1“ haben sich geändert.</translation>
    </message>
</context>
<context>
    <name>Sluice::MessageDelegate</name>
    <message>
        <source>The app closed while this reply was streaming.</source>
        <translation type="vanished">Die App wurde geschlossen, während diese Antwort gestreamt wurde.</translation>
    </message>
</context>
<context>
    <name>Sluice::MessagePainter</name>
    <message>
        <source>Assistant</source>
        <translation>Assistent</translation>
    </message>
    <message>
        <source>code</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>Kopiert</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
</context>
<context>
    <name>Sluice::MessageSpeech</name>
    <message>
        <source>code block</source>
        <translation>Codeblock</translation>
    </message>
    <message>
        <source>code block, %1</source>
        <translation>Codeblock, %1</translation>
    </message>
    <message>
        <source>end of code block</source>
        <translation>Ende des Codeblocks</translation>
    </message>
    <message>
        <source>You</source>
        <translation>Sie</translation>
    </message>
    <message>
        <source>Assistant</source>
        <translation>Assistent</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
    <message>
        <source>Thinking: %1</source>
        <translation>Denkprozess: %1</translation>
    </message>
    <message>
        <source>Stopped.</source>
        <translation>Angehalten.</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>Fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Still replying…</source>
        <translation>Antwortet noch …</translation>
    </message>
</context>
<context>
    <name>Sluice::ModelListEditor</name>
    <message>
        <source>…</source>
        <translation>…</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>vision</source>
        <translation>Bilder</translation>
    </message>
    <message>
        <source>tools</source>
        <translation>Werkzeuge</translation>
    </message>
    <message>
        <source>thinking</source>
        <translation>Denkprozess</translation>
    </message>
    <message>
        <source>text only</source>
        <translation>nur Text</translation>
    </message>
    <message>
        <source>, </source>
        <translation>, </translation>
    </message>
</context>
<context>
    <name>Sluice::ModelPicker</name>
    <message>
        <source>Pull model</source>
        <translation type="vanished">Modell herunterladen</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>Choose a model</source>
        <translation>Modell auswählen</translation>
    </message>
    <message>
        <source>Pull %1…</source>
        <translation>%1 herunterladen …</translation>
    </message>
    <message>
        <source>%1 is not on this server. Another model is being pulled; wait for it to finish.</source>
        <translation>%1 ist nicht auf diesem Server. Gerade wird ein anderes Modell heruntergeladen; warten Sie, bis es fertig ist.</translation>
    </message>
    <message>
        <source>%1 is not on this server: download it (Ollama pull), then use it here.</source>
        <translation>%1 ist nicht auf diesem Server: laden Sie es herunter (Ollama pull) und verwenden Sie es dann hier.</translation>
    </message>
    <message>
        <source>Pulled %1.</source>
        <translation>%1 heruntergeladen.</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Download the model typed in the picker</source>
        <translation>Das in der Auswahl eingegebene Modell herunterladen</translation>
    </message>
</context>
<context>
    <name>Sluice::ModelPullBar</name>
    <message>
        <source>Model download</source>
        <translation>Modell-Download</translation>
    </message>
    <message>
        <source>Model download progress</source>
        <translation>Fortschritt des Modell-Downloads</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Cancel the model download</source>
        <translation>Modell-Download abbrechen</translation>
    </message>
    <message>
        <source>Stop the download; pulling the model again resumes it</source>
        <translation>Download anhalten; erneutes Herunterladen setzt ihn fort</translation>
    </message>
    <message>
        <source>Pulling %1…</source>
        <translation>%1 wird heruntergeladen …</translation>
    </message>
    <message>
        <source>Pulling %1: %2</source>
        <translation>%1 wird heruntergeladen: %2</translation>
    </message>
    <message>
        <source>Stopped pulling %1. Pull it again to resume.</source>
        <translation>Herunterladen von %1 angehalten. Erneut herunterladen, um fortzusetzen.</translation>
    </message>
</context>
<context>
    <name>Sluice::ModelTableModel</name>
    <message>
        <source>%1% GPU</source>
        <translation>%1 % GPU</translation>
    </message>
    <message>
        <source>context %1</source>
        <translation>Kontext %1</translation>
    </message>
    <message>
        <source>stays loaded</source>
        <translation>bleibt geladen</translation>
    </message>
    <message>
        <source>unloading</source>
        <translation>wird entladen</translation>
    </message>
    <message>
        <source>unloads %1</source>
        <translation>wird %1 entladen</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>Parameter</translation>
    </message>
    <message>
        <source>Quantisation</source>
        <translation>Quantisierung</translation>
    </message>
    <message>
        <source>Family</source>
        <translation>Familie</translation>
    </message>
    <message>
        <source>Modified</source>
        <translation>Geändert</translation>
    </message>
    <message>
        <source>Loaded</source>
        <translation>Geladen</translation>
    </message>
</context>
<context>
    <name>Sluice::ModelsDialog</name>
    <message>
        <source>vision (images)</source>
        <translation>Sehen (Bilder)</translation>
    </message>
    <message>
        <source>tools</source>
        <translation>Werkzeuge</translation>
    </message>
    <message>
        <source>thinking</source>
        <translation>Denkprozess</translation>
    </message>
    <message>
        <source>chat</source>
        <translation>Chat</translation>
    </message>
    <message>
        <source>embeddings</source>
        <translation>Embeddings</translation>
    </message>
    <message>
        <source>Models — %1</source>
        <translation>Modelle – %1</translation>
    </message>
    <message>
        <source>Ollama at %1</source>
        <translation>Ollama unter %1</translation>
    </message>
    <message>
        <source>Model management needs an Ollama server; this provider is Anthropic.</source>
        <translation>Die Modellverwaltung erfordert einen Ollama-Server; dieser Anbieter ist Anthropic.</translation>
    </message>
    <message>
        <source>No models are installed yet: pull one below.</source>
        <translation>Noch keine Modelle installiert: Laden Sie unten eines herunter.</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Lade …</translation>
    </message>
    <message>
        <source>%1 tokens</source>
        <translation>%1 Token</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>Loading %1 into memory…</source>
        <translation>Lade %1 in den Speicher …</translation>
    </message>
    <message>
        <source>%1 is loaded.</source>
        <translation>%1 ist geladen.</translation>
    </message>
    <message>
        <source>Unloading %1…</source>
        <translation>Entlade %1 …</translation>
    </message>
    <message>
        <source>%1 was unloaded; its memory is free.</source>
        <translation>%1 wurde entladen; sein Speicher ist frei.</translation>
    </message>
    <message>
        <source>Delete model</source>
        <translation>Modell löschen</translation>
    </message>
    <message>
        <source>Delete %1 from the server? Its files are removed; pulling it again downloads it again.</source>
        <translation>%1 vom Server löschen? Seine Dateien werden entfernt; ein erneutes Herunterladen lädt es wieder vollständig herunter.</translation>
    </message>
    <message>
        <source>Deleting %1…</source>
        <translation>Lösche %1 …</translation>
    </message>
    <message>
        <source>Deleted %1.</source>
        <translation>%1 gelöscht.</translation>
    </message>
    <message>
        <source>Starting the pull of %1…</source>
        <translation>Starte das Herunterladen von %1 …</translation>
    </message>
    <message>
        <source>Pulled %1 (%2).</source>
        <translation>%1 heruntergeladen (%2).</translation>
    </message>
    <message>
        <source>Cancelled. Pull again to resume.</source>
        <translation>Abgebrochen. Erneut herunterladen, um fortzusetzen.</translation>
    </message>
    <message>
        <source>Stop pulling</source>
        <translation>Herunterladen anhalten</translation>
    </message>
    <message>
        <source>%1 is still being pulled. Stop the pull? Pulling it again later resumes where it stopped.</source>
        <translation>%1 wird noch heruntergeladen. Herunterladen anhalten? Ein späteres erneutes Herunterladen setzt dort fort, wo es angehalten wurde.</translation>
    </message>
</context>
<context>
    <name>Sluice::PresetMenu</name>
    <message>
        <source>Presets</source>
        <translation>Vorlagen</translation>
    </message>
</context>
<context>
    <name>Sluice::PresetsPage</name>
    <message>
        <source>Pre&amp;sets</source>
        <translation>&amp;Vorlagen</translation>
    </message>
    <message>
        <source>Presets</source>
        <translation>Vorlagen</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>&amp;Hinzufügen</translation>
    </message>
    <message>
        <source>D&amp;uplicate</source>
        <translation>D&amp;uplizieren</translation>
    </message>
    <message>
        <source>Re&amp;move</source>
        <translation>Entfe&amp;rnen</translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>Importieren …</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Exportieren …</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>&amp;Name</translation>
    </message>
    <message>
        <source>You are a helpful assistant.</source>
        <translation>Du bist ein hilfreicher Assistent.</translation>
    </message>
    <message>
        <source>System prompt</source>
        <translation>System-Prompt</translation>
    </message>
    <message>
        <source>S&amp;ystem prompt</source>
        <translation>S&amp;ystem-Prompt</translation>
    </message>
    <message>
        <source>The chat&apos;s server</source>
        <translation>Der Server des Chats</translation>
    </message>
    <message>
        <source>The id of a server in Providers; empty keeps the chat&apos;s.</source>
        <translation>Die ID eines Servers unter „Anbieter“; leer lässt den des Chats.</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>Ser&amp;ver</source>
        <translation>&amp;Server</translation>
    </message>
    <message>
        <source>The chat&apos;s model</source>
        <translation>Das Modell des Chats</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Mo&amp;del</source>
        <translation>&amp;Modell</translation>
    </message>
    <message>
        <source>Server default</source>
        <translation>Voreinstellung des Servers</translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation>Temperatur</translation>
    </message>
    <message>
        <source>&amp;Temperature</source>
        <translation>&amp;Temperatur</translation>
    </message>
    <message>
        <source> tokens</source>
        <translation> Token</translation>
    </message>
    <message>
        <source>Context size</source>
        <translation>Kontextgröße</translation>
    </message>
    <message>
        <source>&amp;Context size</source>
        <translation>Kontext&amp;größe</translation>
    </message>
    <message>
        <source>Maximum reply tokens</source>
        <translation type="vanished">Maximale Token pro Antwort</translation>
    </message>
    <message>
        <source>Ma&amp;x reply tokens</source>
        <translation>Ma&amp;x. Token pro Antwort</translation>
    </message>
    <message>
        <source>Thinking</source>
        <translation>Denkprozess</translation>
    </message>
    <message>
        <source>Model default</source>
        <translation>Modellstandard</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>Aus</translation>
    </message>
    <message>
        <source>On</source>
        <translation>Ein</translation>
    </message>
    <message>
        <source>Low effort</source>
        <translation>Geringer Aufwand</translation>
    </message>
    <message>
        <source>Medium effort</source>
        <translation>Mittlerer Aufwand</translation>
    </message>
    <message>
        <source>High effort</source>
        <translation>Hoher Aufwand</translation>
    </message>
    <message>
        <source>T&amp;hinking</source>
        <translation>Denkpro&amp;zess</translation>
    </message>
    <message>
        <source>Ne&amp;w chats use</source>
        <translation>V&amp;orgabe für neue Chats</translation>
    </message>
    <message>
        <source>New chats use</source>
        <translation>Vorgabe für neue Chats</translation>
    </message>
    <message>
        <source>New preset</source>
        <translation>Neue Vorlage</translation>
    </message>
    <message>
        <source>%1 (copy)</source>
        <translation>%1 (Kopie)</translation>
    </message>
    <message>
        <source>Removed the preset &quot;%1&quot;.</source>
        <translation>Die Vorlage „%1“ wurde entfernt.</translation>
    </message>
    <message>
        <source>No preset</source>
        <translation>Keine Vorlage</translation>
    </message>
    <message>
        <source>Import presets</source>
        <translation>Vorlagen importieren</translation>
    </message>
    <message>
        <source>Presets (*.json);;All files (*)</source>
        <translation>Vorlagen (*.json);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Could not read %1: %2</source>
        <translation>%1 konnte nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>Nothing was imported from %1. %2</source>
        <translation>Aus %1 wurde nichts importiert. %2</translation>
    </message>
    <message>
        <source>Imported 1 preset from %1.</source>
        <translation>1 Vorlage aus %1 importiert.</translation>
    </message>
    <message>
        <source>Imported %1 presets from %2.</source>
        <translation>%1 Vorlagen aus %2 importiert.</translation>
    </message>
    <message>
        <source>Presets of the same name were replaced: %1.</source>
        <translation>Vorlagen mit demselben Namen wurden ersetzt: %1.</translation>
    </message>
    <message>
        <source>Export presets</source>
        <translation>Vorlagen exportieren</translation>
    </message>
    <message>
        <source>Presets (*.json)</source>
        <translation>Vorlagen (*.json)</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>%1 konnte nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>Exported 1 preset to %1.</source>
        <translation>1 Vorlage nach %1 exportiert.</translation>
    </message>
    <message>
        <source>Exported %1 presets to %2.</source>
        <translation>%1 Vorlagen nach %2 exportiert.</translation>
    </message>
    <message>
        <source>Add a preset</source>
        <translation>Eine Vorlage hinzufügen</translation>
    </message>
    <message>
        <source>Add a copy of the selected preset</source>
        <translation>Eine Kopie der gewählten Vorlage hinzufügen</translation>
    </message>
    <message>
        <source>Remove the selected preset</source>
        <translation>Die gewählte Vorlage entfernen</translation>
    </message>
    <message>
        <source>Import presets from a file</source>
        <translation>Vorlagen aus einer Datei importieren</translation>
    </message>
    <message>
        <source>Export the presets to a file</source>
        <translation>Die Vorlagen in eine Datei exportieren</translation>
    </message>
    <message>
        <source>Max reply tokens</source>
        <translation>Max. Token pro Antwort</translation>
    </message>
</context>
<context>
    <name>Sluice::Protocol</name>
    <message>
        <source>Ollama</source>
        <translation>Ollama</translation>
    </message>
    <message>
        <source>OpenAI-compatible server</source>
        <translation>OpenAI-kompatibler Server</translation>
    </message>
    <message>
        <source>Anthropic</source>
        <translation>Anthropic</translation>
    </message>
</context>
<context>
    <name>Sluice::ProviderDrafts</name>
    <message>
        <source>%1 (copy)</source>
        <translation>%1 (Kopie)</translation>
    </message>
    <message>
        <source>%1 (copy %2)</source>
        <translation>%1 (Kopie %2)</translation>
    </message>
</context>
<context>
    <name>Sluice::ProviderEditor</name>
    <message>
        <source>Ollama (native API)</source>
        <translation>Ollama (native API)</translation>
    </message>
    <message>
        <source>OpenAI-compatible</source>
        <translation>OpenAI-kompatibel</translation>
    </message>
    <message>
        <source>Anthropic</source>
        <translation>Anthropic</translation>
    </message>
    <message>
        <source>Hide</source>
        <translation>Verbergen</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Anzeigen</translation>
    </message>
    <message>
        <source>Hide the API key</source>
        <translation>Den API-Schlüssel verbergen</translation>
    </message>
    <message>
        <source>Show the API key</source>
        <translation>Den API-Schlüssel anzeigen</translation>
    </message>
    <message>
        <source>No key: nothing is sent. Local servers need none.</source>
        <translation>Kein Schlüssel: Es wird nichts gesendet. Lokale Server brauchen keinen.</translation>
    </message>
    <message>
        <source>Read from the environment variable %1 for each request.</source>
        <translation>Wird bei jeder Anfrage aus der Umgebungsvariable %1 gelesen.</translation>
    </message>
    <message>
        <source>Read from the environment variable %1, which is not set now.</source>
        <translation>Wird aus der Umgebungsvariable %1 gelesen, die derzeit nicht gesetzt ist.</translation>
    </message>
    <message>
        <source>Saved in the system keychain.</source>
        <translation type="vanished">Im Schlüsselbund des Systems gespeichert.</translation>
    </message>
    <message>
        <source>The base URL %1.</source>
        <extracomment>%1 continues a sentence, e.g. &quot;must be an http or https URL, not …&quot;</extracomment>
        <translation>Die Basis-URL %1.</translation>
    </message>
    <message>
        <source>This address looks like %1.</source>
        <translation>Diese Adresse sieht nach %1 aus.</translation>
    </message>
    <message>
        <source>Use %1</source>
        <translation>%1 verwenden</translation>
    </message>
    <message>
        <source>Valid address.</source>
        <translation>Gültige Adresse.</translation>
    </message>
    <message>
        <source>Test the connection to this provider</source>
        <translation>Die Verbindung zu diesem Anbieter testen</translation>
    </message>
    <message>
        <source>Asking the server what it is…</source>
        <translation>Frage den Server, was er ist …</translation>
    </message>
    <message>
        <source>Ollama %1 answers here.</source>
        <translation>Hier antwortet Ollama %1.</translation>
    </message>
    <message>
        <source>This is Ollama %1 — use the native API at %2: it can set the context size and keep the model loaded.</source>
        <extracomment>%1 is Ollama&apos;s version, %2 the base URL of its native API</extracomment>
        <translation>Das ist Ollama %1 – verwenden Sie die native API unter %2: Sie kann die Kontextgröße setzen und das Modell geladen halten.</translation>
    </message>
    <message>
        <source>No Ollama API answers here (GET /api/version: HTTP %1). If this is an OpenAI-compatible server, use %2.</source>
        <extracomment>%1 is an HTTP status code, %2 a base URL ending in /v1</extracomment>
        <translation>Hier antwortet keine Ollama-API (GET /api/version: HTTP %1). Wenn dies ein OpenAI-kompatibler Server ist, verwenden Sie %2.</translation>
    </message>
    <message>
        <source>Use OpenAI-compatible</source>
        <translation>OpenAI-kompatibel verwenden</translation>
    </message>
    <message>
        <source>Use the native API</source>
        <translation>Native API verwenden</translation>
    </message>
    <message>
        <source>Provider id</source>
        <translation type="vanished">Anbieter-ID</translation>
    </message>
    <message>
        <source>Id&amp;entifier:</source>
        <extracomment>the provider&apos;s id, as --provider takes it; the mnemonic must not clash in the form</extracomment>
        <translation>&amp;Kennung:</translation>
    </message>
    <message>
        <source>The identifier is empty; it names the provider on the command line.</source>
        <translation>Die Kennung ist leer; sie benennt den Anbieter auf der Befehlszeile.</translation>
    </message>
    <message>
        <source>The identifier may hold only letters, digits, &quot;-&quot;, &quot;_&quot; and &quot;.&quot;, starting with a letter or digit.</source>
        <translation>Die Kennung darf nur Buchstaben, Ziffern, &quot;-&quot;, &quot;_&quot; und &quot;.&quot; enthalten und muss mit einem Buchstaben oder einer Ziffer beginnen.</translation>
    </message>
    <message>
        <source>Another provider has the identifier &quot;%1&quot;.</source>
        <translation>Ein anderer Anbieter hat bereits die Kennung „%1“.</translation>
    </message>
    <message>
        <source>Names it on the command line: sluice run --provider %1</source>
        <translation>So heißt er auf der Befehlszeile: sluice run --provider %1</translation>
    </message>
    <message>
        <source>Reading the key from the system keychain…</source>
        <translation>Lese den Schlüssel aus dem Schlüsselbund des Systems …</translation>
    </message>
    <message>
        <source>The key is in the system keychain, which cannot be reached now.</source>
        <translation>Der Schlüssel liegt im Schlüsselbund des Systems, der derzeit nicht erreichbar ist.</translation>
    </message>
    <message>
        <source>No key: once saved, nothing is sent.</source>
        <translation>Kein Schlüssel: Nach dem Speichern wird nichts gesendet.</translation>
    </message>
    <message>
        <source>No key: once saved, nothing is sent and the stored key is removed.</source>
        <translation>Kein Schlüssel: Nach dem Speichern wird nichts gesendet und der gespeicherte Schlüssel entfernt.</translation>
    </message>
    <message>
        <source>Once saved, read from the environment variable %1 for each request.</source>
        <translation>Wird nach dem Speichern bei jeder Anfrage aus der Umgebungsvariable %1 gelesen.</translation>
    </message>
    <message>
        <source>Once saved, read from the environment variable %1, which is not set now.</source>
        <translation>Wird nach dem Speichern aus der Umgebungsvariable %1 gelesen, die derzeit nicht gesetzt ist.</translation>
    </message>
    <message>
        <source>Stored in the system keychain.</source>
        <translation>Im Schlüsselbund des Systems gespeichert.</translation>
    </message>
    <message>
        <source>Stored in sluice.json in plain text (only your user account can read it). A $VARIABLE reference keeps it out of the file.</source>
        <translation>Im Klartext in sluice.json gespeichert (nur Ihr Benutzerkonto kann die Datei lesen). Mit einem Verweis wie $VARIABLE steht der Schlüssel nicht in der Datei.</translation>
    </message>
    <message>
        <source>Not saved yet: Save stores it in the system keychain.</source>
        <translation>Noch nicht gespeichert: „Speichern“ legt ihn im Schlüsselbund des Systems ab.</translation>
    </message>
    <message>
        <source>Not saved yet: no keychain is available, so Save asks before writing it to sluice.json in plain text.</source>
        <translation>Noch nicht gespeichert: Es ist kein Schlüsselbund verfügbar, daher fragt „Speichern“ nach, bevor er im Klartext in sluice.json geschrieben wird.</translation>
    </message>
    <message>
        <source>Valid address: %1</source>
        <translation>Gültige Adresse: %1</translation>
    </message>
    <message>
        <source>Identifier</source>
        <translation>Kennung</translation>
    </message>
</context>
<context>
    <name>Sluice::ProviderPresets</name>
    <message>
        <source>Custom</source>
        <translation>Benutzerdefiniert</translation>
    </message>
</context>
<context>
    <name>Sluice::ProviderUrls</name>
    <message>
        <source>is empty; it needs a URL such as &quot;http://localhost:11434&quot;</source>
        <translation>ist leer; nötig ist eine URL wie &quot;http://localhost:11434&quot;</translation>
    </message>
    <message>
        <source>has no host name: &quot;%1&quot;</source>
        <translation>hat keinen Hostnamen: &quot;%1&quot;</translation>
    </message>
    <message>
        <source>must not have a query or fragment: &quot;%1&quot;</source>
        <translation>darf keine Query und kein Fragment haben: &quot;%1&quot;</translation>
    </message>
    <message>
        <source>must start with http:// or https://, not &quot;%1&quot; (did you mean &quot;http://%1&quot;?)</source>
        <translation>muss mit http:// oder https:// beginnen, nicht &quot;%1&quot; (meinten Sie &quot;http://%1&quot;?)</translation>
    </message>
    <message>
        <source>must be an http or https URL, not &quot;%1&quot;</source>
        <translation>muss eine http- oder https-URL sein, nicht &quot;%1&quot;</translation>
    </message>
</context>
<context>
    <name>Sluice::ReplyAnnouncer</name>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1 is replying…</source>
        <translation>%1 antwortet …</translation>
    </message>
</context>
<context>
    <name>Sluice::ReplyStatus</name>
    <message>
        <source>Stopped · %1</source>
        <translation type="vanished">Angehalten · %1</translation>
    </message>
    <message>
        <source>Failed · %1</source>
        <translation>Fehlgeschlagen · %1</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Angehalten</translation>
    </message>
    <message>
        <source>Stopped %1</source>
        <translation type="vanished">Angehalten %1</translation>
    </message>
    <message numerus="yes">
        <source>Stopped after %n tokens; partial reply kept</source>
        <translation>
            <numerusform>Angehalten nach %n Token; die Teilantwort bleibt erhalten</numerusform>
            <numerusform>Angehalten nach %n Token; die Teilantwort bleibt erhalten</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Sluice::ResolveProvider</name>
    <message>
        <source>Provider &quot;%1&quot;: %2 uses the environment variable %3, which is not set.</source>
        <extracomment>%1 = provider name, %2 = field (api_key or a header), %3 = variable name</extracomment>
        <translation>Anbieter „%1“: %2 verwendet die Umgebungsvariable %3, die nicht gesetzt ist.</translation>
    </message>
    <message>
        <source>Provider &quot;%1&quot;: %2 has a malformed ${…} reference; write ${NAME} or $$ for a literal dollar sign.</source>
        <translation>Anbieter „%1“: %2 enthält einen fehlerhaften Verweis ${…}; schreiben Sie ${NAME}, oder $$ für ein Dollarzeichen.</translation>
    </message>
    <message>
        <source>Provider &quot;%1&quot;: the API key is in the keychain but was not read yet.</source>
        <translation>Anbieter „%1“: Der API-Schlüssel liegt im Schlüsselbund, wurde aber noch nicht gelesen.</translation>
    </message>
    <message>
        <source>Provider &quot;%1&quot;: the API key could not be read from the keychain. %2</source>
        <translation>Anbieter „%1“: Der API-Schlüssel konnte nicht aus dem Schlüsselbund gelesen werden. %2</translation>
    </message>
    <message>
        <source>header %1</source>
        <translation>Header %1</translation>
    </message>
    <message>
        <source>Provider &quot;%1&quot;: the API key contains a line break or NUL character, which would end the header on the wire; remove it.</source>
        <translation>Anbieter „%1“: Der API-Schlüssel enthält ein Zeilenumbruch- oder NUL-Zeichen, das den Header bei der Übertragung beenden würde; entfernen Sie es.</translation>
    </message>
</context>
<context>
    <name>Sluice::RichTextEngine</name>
    <message>
        <source>The formula is too long to typeset (over %1 characters).</source>
        <translation>Die Formel ist zu lang zum Setzen (über %1 Zeichen).</translation>
    </message>
</context>
<context>
    <name>Sluice::Sampling</name>
    <message>
        <source>The OpenAI Chat Completions API has no such parameter.</source>
        <translation>Die OpenAI-API Chat Completions hat keinen solchen Parameter.</translation>
    </message>
    <message>
        <source>Only Ollama&apos;s own API takes this; an OpenAI-compatible server sets it when it starts.</source>
        <translation>Nur die eigene API von Ollama nimmt dies an; ein OpenAI-kompatibler Server legt es beim Start fest.</translation>
    </message>
    <message>
        <source>The Anthropic Messages API has no such parameter.</source>
        <translation>Die Anthropic-Messages-API hat keinen solchen Parameter.</translation>
    </message>
    <message>
        <source>Only Ollama&apos;s own API takes this; Anthropic&apos;s context window is fixed by the model.</source>
        <translation>Nur die eigene API von Ollama nimmt dies an; bei Anthropic legt das Modell das Kontextfenster fest.</translation>
    </message>
</context>
<context>
    <name>Sluice::SamplingFields</name>
    <message>
        <source>Server default</source>
        <translation>Voreinstellung des Servers</translation>
    </message>
    <message>
        <source>Top &amp;P</source>
        <translation>Top &amp;P</translation>
    </message>
    <message>
        <source>Sample only from the likeliest tokens that together reach this probability.</source>
        <translation>Nur aus den wahrscheinlichsten Token wählen, die zusammen diese Wahrscheinlichkeit erreichen.</translation>
    </message>
    <message>
        <source>Top &amp;K</source>
        <translation>Top &amp;K</translation>
    </message>
    <message>
        <source>Top K</source>
        <translation>Top K</translation>
    </message>
    <message>
        <source>Sample only from this many of the likeliest tokens.</source>
        <translation>Nur aus so vielen der wahrscheinlichsten Token wählen.</translation>
    </message>
    <message>
        <source>M&amp;in P</source>
        <translation>M&amp;in P</translation>
    </message>
    <message>
        <source>Leave out tokens less likely than this share of the likeliest one.</source>
        <translation>Token weglassen, die weniger wahrscheinlich sind als dieser Anteil des wahrscheinlichsten.</translation>
    </message>
    <message>
        <source>&amp;Repeat penalty</source>
        <translation>Wiederho&amp;lungsstrafe</translation>
    </message>
    <message>
        <source>Above 1 makes repeating recent tokens less likely.</source>
        <translation>Über 1 macht das Wiederholen kürzlich erzeugter Token unwahrscheinlicher.</translation>
    </message>
    <message>
        <source>&amp;Frequency penalty</source>
        <translation>Häu&amp;figkeitsstrafe</translation>
    </message>
    <message>
        <source>Makes a token less likely the more often it appeared.</source>
        <translation>Macht ein Token umso unwahrscheinlicher, je öfter es vorkam.</translation>
    </message>
    <message>
        <source>Presence pena&amp;lty</source>
        <translation>Präs&amp;enzstrafe</translation>
    </message>
    <message>
        <source>Makes any token that appeared less likely, once.</source>
        <translation>Macht jedes Token, das schon vorkam, einmalig unwahrscheinlicher.</translation>
    </message>
    <message>
        <source>Random</source>
        <translation>Zufällig</translation>
    </message>
    <message>
        <source>S&amp;eed</source>
        <translation>See&amp;d</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>Seed</translation>
    </message>
    <message>
        <source>The same seed and prompt give the same reply.</source>
        <translation>Gleicher Seed und gleicher Prompt ergeben dieselbe Antwort.</translation>
    </message>
    <message>
        <source>One per line</source>
        <translation>Eine pro Zeile</translation>
    </message>
    <message>
        <source>Stop se&amp;quences</source>
        <translation>Stoppse&amp;quenzen</translation>
    </message>
    <message>
        <source>Stop sequences</source>
        <translation>Stoppsequenzen</translation>
    </message>
    <message>
        <source>The reply ends where it would write one of these.</source>
        <translation>Die Antwort endet dort, wo sie eine davon schreiben würde.</translation>
    </message>
    <message>
        <source>Keep loaded f&amp;or</source>
        <translation>Geladen h&amp;alten für</translation>
    </message>
    <message>
        <source>Keep loaded for</source>
        <translation>Geladen halten für</translation>
    </message>
    <message>
        <source>How long Ollama keeps the model in memory after a reply: 5m, 1h, 0 (unload at once), -1 (always).</source>
        <translation>Wie lange Ollama das Modell nach einer Antwort im Speicher hält: 5m, 1h, 0 (sofort entladen), -1 (immer).</translation>
    </message>
    <message>
        <source>Not sent to this server. %1</source>
        <translation>Wird nicht an diesen Server gesendet. %1</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Not sent to this server:</source>
        <translation>Wird nicht an diesen Server gesendet:</translation>
    </message>
</context>
<context>
    <name>Sluice::Schema</name>
    <message>
        <source>Could not update the history database to version %1: %2.</source>
        <translation>Die Verlaufsdatenbank konnte nicht auf Version %1 aktualisiert werden: %2.</translation>
    </message>
</context>
<context>
    <name>Sluice::SecretStore</name>
    <message>
        <source>No keychain is available on this system.</source>
        <translation>Auf diesem System ist kein Schlüsselbund verfügbar.</translation>
    </message>
    <message>
        <source>The keychain has no key for &quot;%1&quot;.</source>
        <translation>Der Schlüsselbund enthält keinen Schlüssel für „%1“.</translation>
    </message>
</context>
<context>
    <name>Sluice::SelectionOverlay</name>
    <message>
        <source>Message text</source>
        <translation>Nachrichtentext</translation>
    </message>
</context>
<context>
    <name>Sluice::ServerActions</name>
    <message>
        <source>Connection tests are not available.</source>
        <translation>Verbindungstests sind nicht verfügbar.</translation>
    </message>
    <message>
        <source>Asking %1 for its models…</source>
        <translation>%1 wird nach seinen Modellen gefragt …</translation>
    </message>
    <message numerus="yes">
        <source>%n model(s) on the server, %1 new.</source>
        <translation>
            <numerusform>%n Modell auf dem Server, %1 neu.</numerusform>
            <numerusform>%n Modelle auf dem Server, %1 neu.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Sluice::SessionSidebar</name>
    <message>
        <source>＋  New Chat</source>
        <translation>＋  Neuer Chat</translation>
    </message>
    <message>
        <source>New chat</source>
        <translation>Neuer Chat</translation>
    </message>
    <message>
        <source>Start a new conversation (Ctrl+N)</source>
        <translation>Neue Unterhaltung beginnen (Strg+N)</translation>
    </message>
    <message>
        <source>This session</source>
        <translation>Diese Sitzung</translation>
    </message>
    <message>
        <source>Conversations</source>
        <translation>Unterhaltungen</translation>
    </message>
</context>
<context>
    <name>Sluice::SettingsApplier</name>
    <message>
        <source>Not saved: the identifier of &quot;%1&quot; may hold only letters, digits, &quot;-&quot;, &quot;_&quot; and &quot;.&quot;, starting with a letter or digit.</source>
        <translation>Nicht gespeichert: Die Kennung von „%1“ darf nur Buchstaben, Ziffern, &quot;-&quot;, &quot;_&quot; und &quot;.&quot; enthalten und muss mit einem Buchstaben oder einer Ziffer beginnen.</translation>
    </message>
    <message>
        <source>Not saved: two providers have the identifier &quot;%1&quot;.</source>
        <translation>Nicht gespeichert: Zwei Anbieter haben die Kennung „%1“.</translation>
    </message>
    <message>
        <source>Not saved: the base URL of &quot;%1&quot; %2.</source>
        <translation>Nicht gespeichert: Die Basis-URL von „%1“ %2.</translation>
    </message>
    <message>
        <source>The API key of &quot;%1&quot; cannot be stored in the system keychain: %2

Write it into sluice.json in plain text? Only your user account can read that file.

Or put the key in an environment variable and enter $%3 as the key instead.</source>
        <extracomment>%1 a provider&apos;s name, %2 why the keychain failed, %3 an environment variable</extracomment>
        <translation>Der API-Schlüssel von „%1“ kann nicht im Schlüsselbund des Systems gespeichert werden: %2

Im Klartext in sluice.json schreiben? Nur Ihr Benutzerkonto kann diese Datei lesen.

Oder legen Sie den Schlüssel in einer Umgebungsvariable ab und geben Sie stattdessen $%3 als Schlüssel ein.</translation>
    </message>
    <message>
        <source>Not saved: no keychain can store the API key of &quot;%1&quot;. Enter $%2 as the key (and set that environment variable), or allow sluice.json.</source>
        <translation>Nicht gespeichert: Kein Schlüsselbund kann den API-Schlüssel von „%1“ speichern. Geben Sie $%2 als Schlüssel ein (und setzen Sie diese Umgebungsvariable) oder erlauben Sie sluice.json.</translation>
    </message>
    <message>
        <source>No keychain is available.</source>
        <translation>Es ist kein Schlüsselbund verfügbar.</translation>
    </message>
</context>
<context>
    <name>Sluice::SettingsDialog</name>
    <message>
        <source>Save and close</source>
        <translation>Speichern und schließen</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <source>Discard changes and close</source>
        <translation>Änderungen verwerfen und schließen</translation>
    </message>
    <message>
        <source>The key is in the keychain but could not be read: %1</source>
        <translation>Der Schlüssel liegt im Schlüsselbund, konnte aber nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Add a provider with the Add button.</source>
        <translation>Fügen Sie mit der Schaltfläche „Hinzufügen“ einen Anbieter hinzu.</translation>
    </message>
    <message>
        <source>Import crush.json</source>
        <translation>crush.json importieren</translation>
    </message>
    <message>
        <source>crush configuration (*.json)</source>
        <translation>crush-Konfiguration (*.json)</translation>
    </message>
    <message numerus="yes">
        <source>Imported %n provider(s) from %1.</source>
        <translation type="vanished">
            <numerusform>%n Anbieter aus %1 importiert.</numerusform>
            <numerusform>%n Anbieter aus %1 importiert.</numerusform>
        </translation>
    </message>
    <message>
        <source>Unsaved settings</source>
        <translation>Ungespeicherte Einstellungen</translation>
    </message>
    <message>
        <source>No keychain</source>
        <translation>Kein Schlüsselbund</translation>
    </message>
    <message>
        <source>Some settings have changed. Save them before closing?</source>
        <translation>Einige Einstellungen wurden geändert. Vor dem Schließen speichern?</translation>
    </message>
    <message>
        <source>The API key could not be stored in the system keychain: %1

Keep it in the settings file instead? Only your user account can read that file.</source>
        <translation type="vanished">Der API-Schlüssel konnte nicht im Schlüsselbund des Systems gespeichert werden: %1

Stattdessen in der Einstellungsdatei speichern? Nur Ihr Benutzerkonto kann diese Datei lesen.</translation>
    </message>
    <message>
        <source>Not saved: the API key has no place to be stored. Enter it as an environment variable reference ($NAME) or allow the settings file.</source>
        <translation type="vanished">Nicht gespeichert: Für den API-Schlüssel gibt es keinen Speicherort. Geben Sie ihn als Verweis auf eine Umgebungsvariable ($NAME) ein oder erlauben Sie die Einstellungsdatei.</translation>
    </message>
    <message>
        <source>Saved to %1.</source>
        <translation>In %1 gespeichert.</translation>
    </message>
    <message numerus="yes">
        <source>Imported %n provider(s) from %1; Save keeps them.</source>
        <translation>
            <numerusform>%n Anbieter aus %1 importiert; mit „Speichern“ bleibt er erhalten.</numerusform>
            <numerusform>%n Anbieter aus %1 importiert; mit „Speichern“ bleiben sie erhalten.</numerusform>
        </translation>
    </message>
    <message>
        <source>Write to sluice.json</source>
        <translation>In sluice.json schreiben</translation>
    </message>
    <message>
        <source>Don&apos;t Save</source>
        <translation>Nicht speichern</translation>
    </message>
    <message>
        <source>MCP ser&amp;vers</source>
        <translation>M&amp;CP-Server</translation>
    </message>
</context>
<context>
    <name>Sluice::StreamingSaver</name>
    <message>
        <source>Part of this reply could not be saved.</source>
        <translation>Ein Teil dieser Antwort konnte nicht gespeichert werden.</translation>
    </message>
</context>
<context>
    <name>Sluice::ToolCardList</name>
    <message>
        <source> in %1 ms</source>
        <translation> in %1 ms</translation>
    </message>
    <message>
        <source>waiting</source>
        <translation>wartet</translation>
    </message>
    <message>
        <source>running…</source>
        <translation>läuft …</translation>
    </message>
    <message>
        <source>answered</source>
        <translation>beantwortet</translation>
    </message>
    <message>
        <source>reported an error</source>
        <translation>hat einen Fehler gemeldet</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>not allowed</source>
        <translation>nicht erlaubt</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>angehalten</translation>
    </message>
    <message>
        <source>Arguments:</source>
        <translation>Argumente:</translation>
    </message>
    <message>
        <source>Result:</source>
        <translation>Ergebnis:</translation>
    </message>
    <message>
        <source>Error:</source>
        <translation>Fehler:</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 – %2</translation>
    </message>
    <message>
        <source>Tool call: %1</source>
        <translation>Werkzeugaufruf: %1</translation>
    </message>
    <message>
        <source>Hide the details</source>
        <translation>Details verbergen</translation>
    </message>
    <message>
        <source>Show the arguments and the result</source>
        <translation>Argumente und Ergebnis anzeigen</translation>
    </message>
    <message>
        <source>Details of the tool call %1</source>
        <translation>Details des Werkzeugaufrufs %1</translation>
    </message>
</context>
<context>
    <name>Sluice::ToolConsentBar</name>
    <message>
        <source>Tool call waiting for your consent</source>
        <translation>Werkzeugaufruf wartet auf Ihre Zustimmung</translation>
    </message>
    <message>
        <source>Arguments of the tool call</source>
        <translation>Argumente des Werkzeugaufrufs</translation>
    </message>
    <message>
        <source>&amp;Allow once</source>
        <translation>&amp;Einmal erlauben</translation>
    </message>
    <message>
        <source>Allow once</source>
        <translation>Einmal erlauben</translation>
    </message>
    <message>
        <source>Al&amp;ways allow this tool</source>
        <translation>Dieses Werkzeug &amp;immer erlauben</translation>
    </message>
    <message>
        <source>Always allow this tool</source>
        <translation>Dieses Werkzeug immer erlauben</translation>
    </message>
    <message>
        <source>&amp;Deny</source>
        <translation>&amp;Ablehnen</translation>
    </message>
    <message>
        <source>Deny</source>
        <translation>Ablehnen</translation>
    </message>
    <message>
        <source>The model wants to run the tool %1 of the server %2. Run it?</source>
        <translation>Das Modell möchte das Werkzeug %1 des Servers %2 ausführen. Ausführen?</translation>
    </message>
    <message>
        <source>Run %1 this time</source>
        <translation>%1 dieses Mal ausführen</translation>
    </message>
    <message>
        <source>Run %1 of %2 without asking until Sluice closes</source>
        <translation>%1 von %2 ohne Nachfrage ausführen, bis Sluice beendet wird</translation>
    </message>
    <message>
        <source>Do not run it; the model is told it was not allowed</source>
        <translation>Nicht ausführen; das Modell erfährt, dass es nicht erlaubt wurde</translation>
    </message>
</context>
<context>
    <name>Sluice::ToolLoop</name>
    <message>
        <source>Stopped after one round of tool calls (the limit); the model asked for more.</source>
        <translation>Nach einer Runde von Werkzeugaufrufen angehalten (das Limit); das Modell wollte mehr.</translation>
    </message>
    <message>
        <source>Stopped after %1 rounds of tool calls (the limit); the model asked for more.</source>
        <translation>Nach %1 Runden von Werkzeugaufrufen angehalten (das Limit); das Modell wollte mehr.</translation>
    </message>
    <message>
        <source>Not run: the limit of %1 rounds of tool calls was reached.</source>
        <translation>Nicht ausgeführt: Das Limit von %1 Runden von Werkzeugaufrufen wurde erreicht.</translation>
    </message>
    <message>
        <source>There is no tool named &quot;%1&quot;.</source>
        <translation>Es gibt kein Werkzeug namens „%1“.</translation>
    </message>
    <message>
        <source>The arguments for %1 are not a JSON object: %2</source>
        <translation>Die Argumente für %1 sind kein JSON-Objekt: %2</translation>
    </message>
    <message>
        <source>Not run: stopped.</source>
        <translation>Nicht ausgeführt: angehalten.</translation>
    </message>
    <message>
        <source>The user did not allow this tool call.</source>
        <translation>Der Benutzer hat diesen Werkzeugaufruf nicht erlaubt.</translation>
    </message>
    <message>
        <source>No tools are available.</source>
        <translation>Es sind keine Werkzeuge verfügbar.</translation>
    </message>
    <message>
        <source>Stopped.</source>
        <translation>Angehalten.</translation>
    </message>
</context>
<context>
    <name>Sluice::ToolRefusal</name>
    <message>
        <source>%1 does not support tools here (%2). Your message is kept: Retry sends it without tools, or choose a model that supports tools.</source>
        <translation>%1 unterstützt hier keine Werkzeuge (%2). Ihre Nachricht bleibt erhalten: „Erneut versuchen“ sendet sie ohne Werkzeuge, oder wählen Sie ein Modell, das Werkzeuge unterstützt.</translation>
    </message>
    <message>
        <source>%1 does not support tools here (%2); run again without --tools, or choose a model that supports tools</source>
        <translation>%1 unterstützt hier keine Werkzeuge (%2); führen Sie den Befehl ohne --tools erneut aus oder wählen Sie ein Modell, das Werkzeuge unterstützt</translation>
    </message>
</context>
<context>
    <name>Sluice::VersionSwitcher</name>
    <message>
        <source>Version %1 of %2</source>
        <translation>Version %1 von %2</translation>
    </message>
    <message>
        <source>%1 (Alt+Left)</source>
        <translation>%1 (Alt+Links)</translation>
    </message>
    <message>
        <source>%1 (Alt+Right)</source>
        <translation>%1 (Alt+Rechts)</translation>
    </message>
    <message>
        <source>Previous version</source>
        <translation>Vorherige Version</translation>
    </message>
    <message>
        <source>Next version</source>
        <translation>Nächste Version</translation>
    </message>
</context>
<context>
    <name>Sluice::WindowBranches</name>
    <message>
        <source>Undo</source>
        <translation>Rückgängig</translation>
    </message>
    <message>
        <source>Undo deleting the messages</source>
        <translation>Löschen der Nachrichten rückgängig machen</translation>
    </message>
    <message>
        <source>Could not save to the history: %1</source>
        <translation>Speichern im Verlauf nicht möglich: %1</translation>
    </message>
    <message>
        <source>Branched into a new conversation.</source>
        <translation>In eine neue Unterhaltung abgezweigt.</translation>
    </message>
    <message>
        <source>Delete messages</source>
        <translation>Nachrichten löschen</translation>
    </message>
    <message>
        <source>Delete this message?</source>
        <translation>Diese Nachricht löschen?</translation>
    </message>
    <message numerus="yes">
        <source>Delete this message and everything below it, on every version — %n messages in all?</source>
        <translation>
            <numerusform>Diese Nachricht und alles darunter in jeder Version löschen – insgesamt %n Nachricht?</numerusform>
            <numerusform>Diese Nachricht und alles darunter in jeder Version löschen – insgesamt %n Nachrichten?</numerusform>
        </translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) deleted</source>
        <translation>
            <numerusform>%n Nachricht gelöscht</numerusform>
            <numerusform>%n Nachrichten gelöscht</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Sluice::WindowHistory</name>
    <message>
        <source>＋  New Chat</source>
        <translation>＋  Neuer Chat</translation>
    </message>
    <message>
        <source>New chat</source>
        <translation>Neuer Chat</translation>
    </message>
    <message>
        <source>Start a new conversation (Ctrl+N)</source>
        <translation>Neue Unterhaltung beginnen (Strg+N)</translation>
    </message>
    <message>
        <source>Conversations</source>
        <translation>Unterhaltungen</translation>
    </message>
    <message>
        <source>Could not save to the history: %1</source>
        <translation>Speichern im Verlauf nicht möglich: %1</translation>
    </message>
</context>
<context>
    <name>Sluice::WindowTools</name>
    <message>
        <source>%1 The chat goes on without its tools.</source>
        <extracomment>%1 is one or more sentences, each naming an MCP server that could not start</extracomment>
        <translation>%1 Der Chat läuft ohne diese Werkzeuge weiter.</translation>
    </message>
</context>
</TS>
