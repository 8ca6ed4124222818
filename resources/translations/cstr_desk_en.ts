<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB" sourcelanguage="en_GB">
<context>
    <name></name>
    <message>
        <source>score bands</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>scores</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>score rules</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>roles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>actions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>duties</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AboutDialog</name>
    <message>
        <source>About CSTR Desk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSTR Desk {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Screening, assessment and consent for Community Sentence Treatment Requirements.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Terms: {terms}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About CSTR Desk and the questionnaires&apos; terms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close the About box</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AdministratorPage</name>
    <message>
        <source>The first administrator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This person adds the other users and keeps the recovery key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Administrator&apos;s full name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Administrator&apos;s username</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Administrator&apos;s password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the password again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Full name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Username</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password &amp;again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Please give the administrator&apos;s full name and a username.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Please choose a password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The two passwords are not the same. Please type them again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AssessmentTab</name>
    <message>
        <source>Practitioner assessment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask the equality questions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the equality monitoring questions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Questionnaires</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start the {name} questionnaire</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CORE domain profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Findings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Registered with a GP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mental health need</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drug misuse</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First episode of psychosis</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Presenting problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Formulation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notes: {heading}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Risk: a crisis plan where there is risk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Risk: {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Eligibility check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Completion</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark assessment complete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark the assessment complete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Equality monitoring: {left} of {model_fields} questions not asked yet. Optional, each with &quot;prefers not to say&quot;; nothing waits for them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Completed {completed_at}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All changes saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Assessment marked complete.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CaseListModel</name>
    <message>
        <source>Today</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CaseListPage</name>
    <message>
        <source>Case list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search cases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search by name, date of birth, PNC or NHS number (Ctrl+F)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show cases at stage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All stages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hearing from (dd/mm/yyyy)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hearing to (dd/mm/yyyy)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New referral (Ctrl+N)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New referral</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;tage:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hearing from:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>to:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No cases match. Press Ctrl+N to register a new referral.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cases on this desk: {count}, since {day}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No cases on this desk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>; {count} cleared after the site hub confirmed them</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CaseView</name>
    <message>
        <source>Case</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back to cases (Esc)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back to the case list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Case sections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Person: {full_name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PNC {pnc_number}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{court}, hearing {hearing_date}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stage: {0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CaseloadPanel</name>
    <message>
        <source>My caseload</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No cases are allocated to you.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open case</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the chosen case from my caseload</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChangeChart</name>
    <message>
        <source>Chart of scores before and after treatment</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ClearConfirmedDialog</name>
    <message>
        <source>Clear confirmed cases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asking the site hub which closed cases it holds…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clearing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cases to clear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;lear these cases…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the listed cases from this desk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove these {count} cases from this desk for good? The site hub keeps them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clearing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cleared {count} closed cases from this desk; the site hub keeps them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Case {number}, closed {day}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{count} closed cases the site hub holds in full, closed more than {days} days ago, can be cleared.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No closed case is due for clearing (the hub holds it in full, closed more than {days} days ago).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This desk is not enrolled with a site hub, so no case is cleared from it: a closed case leaves a desk only once a hub holds it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{count} more are due but the hub does not hold all of them yet: they stay until a sync has sent them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The clearing did not finish; nothing more was cleared.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConsentTab</name>
    <message>
        <source>Combined consent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Take consent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Assessed for and consents to {text}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Standard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Easy read (one idea per page, pictures)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An interpreter was used</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Interpreter&apos;s language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. Polish</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GP surgery</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name of the person&apos;s GP surgery</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the consent to the person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the consent to the person full screen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requirements assessed for and consented to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Explained by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Format</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consent on record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The person&apos;s signature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason consent was withdrawn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why the person withdrew consent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record withdrawal of consent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record that the person withdrew consent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Explained by {full_name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consent renewal {when} on {due}: consent is renewed every year while the person is in treatment (Manual Appendix 2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose at least one requirement the person is assessed for.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Say which language the interpreter used.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consent recorded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give the reason the person withdrew consent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Withdraw consent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record that the person has withdrawn consent now? Once a requirement is ordered, withdrawal counts as a breach and the case goes back to court.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Withdrawal of consent recorded.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ContactTab</name>
    <message>
        <source>Missed appointments and their follow-up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Treatment plans sent to the offender manager</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contact after a missed appointment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Missed appointments: choose one to record its follow-up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How the person prefers to be contacted, and their care coordinator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preferred contact method</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contact details for that method</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. mobile number, address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Care coordinator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>name and team, if they have one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Care coordinator&apos;s phone or secure email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason for changing the contact preferences</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>needed when changing what was recorded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save contact preferences</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the contact preferences</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preferred method</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason if changing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record a follow-up of the chosen missed appointment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who was contacted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date of the follow-up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time of the follow-up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HH:MM</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How they were contacted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who was told</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>care coordinator&apos;s name, or who else</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reached</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The person or care coordinator was reached</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notes on the follow-up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>what was agreed; why not their chosen method</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record follow-up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record the follow-up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Treatment plan sent to the offender manager</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date the treatment plan was sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offender manager it was sent to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>name and office</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notes on the plan sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. what it said, how it was sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record plan sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record the treatment plan sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{sent_on} to {sent_to}{notes}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No treatment plan sent to the offender manager yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose how the person prefers to be contacted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contact preferences saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Please choose a missed appointment in the list first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow-up recorded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Treatment plan sent recorded.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ContactsForm</name>
    <message>
        <source>The service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Practitioner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clinical Lead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Treatment provider</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Secure email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{group}: {field}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ContactsPage</name>
    <message>
        <source>Contact details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Printed on the report for the court, the person&apos;s consent copy and the GP letter. You can leave any of them for now and add them later in the site settings.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CourtTab</name>
    <message>
        <source>History of the plea and order details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Court: plea, order details and the PSR&apos;s proposal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recorded and corrected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plea and order details, as they are known</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plea</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offence punishable with imprisonment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Community order level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Proposed order type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Proposed length of order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason for changing what was recorded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>needed only when changing a fact already recorded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save plea and order details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the plea and order details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imprisonable offence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Proposed order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Proposed length</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason for a change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The PSR&apos;s proposal (recorded by the Court Duty Officer)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Does the PSR propose a treatment requirement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PSR proposes {text}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order type the PSR proposes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Length the PSR proposes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notes on the PSR&apos;s proposal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>other requirements, e.g. RAR</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Is the person suitable for a CSTR</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why not suitable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>More on why not suitable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Already in treatment with</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. self, OASys, arrest referral, L&amp;D</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Has treatment been arranged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record the PSR&apos;s proposal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Proposes a CSTR</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requirements</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Length</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Suitable for a CSTR</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>If not, why</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>More on why not</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Treatment arranged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing recorded since the referral.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plea and order details saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The PSR&apos;s proposal recorded.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DatabasePage</name>
    <message>
        <source>Where to keep the database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database is encrypted. Keep it on this laptop&apos;s own disk.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Database file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose ...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the database file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Database file:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSTR Desk database (*.db)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Please choose where to keep the database.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is already a file there. Please choose a new file name.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DeadlinesPanel</name>
    <message>
        <source>Missed appointments to tell the offender manager about</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No missed appointments waiting to be reported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offender manager told</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark the chosen deadline done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open case</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the chosen case</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tell the offender manager (within 48 hours)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Please choose a missed appointment in the list first.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DecisionTab</name>
    <message>
        <source>Record the decision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record the Clinical Lead decision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Assessment summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clinical Lead decision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign-off of the report for the court</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign off the report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign off the report for the court</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who decided</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Clinical Lead is deciding on this device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recording a telephone discussion with the Clinical Lead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clinical Lead&apos;s name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Full name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date of the discussion</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time of the discussion</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HH:MM</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clinical Lead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discussed on (date, time)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decision and reasons</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Treat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other reasons and notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recommendations to court</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Treatment plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Treatment provider</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who provides the treatment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First appointment date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First appointment time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First appointment place</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recommended</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First appointment (date, time)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recommend the {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recommended length in months</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>length?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> months</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recommended order type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Instead of treatment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Support and signposting offered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Report signed off: the Court Duty Officer can print it now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clinical Lead decision recorded: {value}.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DutiesPanel</name>
    <message>
        <source>Deadlines after sentence: waiting times, follow-ups, breach decisions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing due after sentence.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open case</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the chosen case</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Due after sentence</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EasyReadPicture</name>
    <message>
        <source>Picture: {description}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EasyReadViewer</name>
    <message>
        <source>◀  Back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back to the previous page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next  ▶</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Page {0} of {screens}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>I understand: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finish  ▶</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finish reading</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EqualityTab</name>
    <message>
        <source>Equality monitoring (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save answers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the equality monitoring answers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prefers not to say to the rest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record prefers not to say for every question not yet answered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Equality monitoring</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask once the assessment is under way. Every question can be left, or answered &quot;prefers not to say&quot;; nothing here is needed to go on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} of {QUESTIONS} questions answered.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Equality monitoring answers saved.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FhirExportPanel</name>
    <message>
        <source>Export for the &amp;clinical record (FHIR)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export the case for the NHS clinical record as a FHIR file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exporting the case for the clinical record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The case can be sent to the NHS clinical record as a FHIR file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clinical record export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A FHIR R4 file for the trust&apos;s or GP&apos;s record system: the person, questionnaires, scores, consent and issued reports. It holds personal data; only you can read it, and the export is recorded in the audit trail.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export for the clinical record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FHIR JSON files (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exporting to {name}…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LeafletBox</name>
    <message>
        <source>Date the leaflet was given</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date of the next appointment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time of the next appointment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HH:MM</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where the next appointment is</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Easy read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The easy-read leaflet was given</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language, if not English</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>if not English</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record leaflet given</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record that the leaflet was given</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Given on (dd/mm/yyyy)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next appointment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not recorded yet: give the leaflet with the next appointment, then record it here. Print it from the Reports tab.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leaflet recorded.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LineChart</name>
    <message>
        <source>{title} scores over time: {values}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <source>CSTR Desk is locked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password to unlock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign out instead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed in as {full_name}. Type your password to carry on where you were.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking ...</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>CSTR Desk - {site_name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSTR Desk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed in as {full_name} ({0})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New referral</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Find a case</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Case list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Lock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign &amp;out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;witch user (keeps this case open)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Monthly monitoring return</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About CSTR Desk and the questionnaires</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;High contrast</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Reports</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Users…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Site settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Clear confirmed cases…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Administration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MonitoringPage</name>
    <message>
        <source>Month of the return</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preview the month&apos;s return</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export the return as a spreadsheet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preview of the anonymised return</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Summarising the referrals for the return ...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Summarising the referrals for the return</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Month:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Monthly monitoring return</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Anonymised: no names, dates of birth or identifiers; numbers from 1 to 4 are shown as *, and a total that could reveal one is hidden too.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Period: {month}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export monitoring return</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx);;CSV (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Period: {0}. Saved to {name}.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NewRecoveryKeyDialog</name>
    <message>
        <source>The database has a new key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database has a new key. The old recovery key no longer opens it: destroy the old printed copy. Old copies of the key file (in a backup or a synced folder) no longer open it either. Everyone keeps their password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The new key is taken at the next sign-in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close, the new recovery key stored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New recovery key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The re-key could not be finished just now: it is finished when someone next signs in, and nothing saved is lost. From then on this is the database&apos;s recovery key and the old one no longer opens it: store this one now, then destroy the old printed copy. Everyone keeps their password.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OrderTab</name>
    <message>
        <source>The order has no DRR or ATR.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DRR and ATR through the order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Treatment start (DRR within 2 working days, ATR within 14 days)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requirement whose treatment started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date treatment started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Treatment provider</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record the start of treatment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requirement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Started on (dd/mm/yyyy)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Provider</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DRR drug test schedule (agreed by the court)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tests a week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Intermittent tests for the other substances</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date the court agreed the schedule (blank: at sentence)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record schedule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record the drug test schedule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Regularly tested: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tested regularly (the drugs linked to the offending)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agreed on (blank: at sentence)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drug tests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drug tests recorded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date of the test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How the sample was taken</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the method...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Result for {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Missed (not a negative)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The test was missed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why the test was missed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>why it was missed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record the drug test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Method</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Three-way meeting and joint reviews</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind of meeting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date of the meeting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who attended</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>names and roles, separated by ;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The person attended</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Goals agreed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sequencing of the requirements</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record meeting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record the meeting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Meeting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Held on (dd/mm/yyyy)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attended</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sequencing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No schedule recorded yet (weekly at least, 2014 guidance).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{tests_per_week} a week for {regular}, agreed {agreed_on}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start of treatment recorded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tick the drugs tested regularly (those linked to the offending).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drug test schedule recorded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Missed test recorded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drug test recorded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Say who attended the meeting.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Meeting recorded.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OutcomesTab</name>
    <message>
        <source>Outcome measures before and after treatment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No outcome measure has been completed yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save completion summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the completion summary as a PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outcomes before and after treatment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Completion summary saved: {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The completion summary could not be saved: {text}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PasswordCheckDialog</name>
    <message>
        <source>Practitioner&apos;s password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel and stay in hand-over mode</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PersonConsentWindow</name>
    <message>
        <source>Consent: {person_name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consent for the person to read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop (nothing is recorded)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop without recording consent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Continue to signing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign and give consent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give consent with this signature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The person cannot sign: record verbal consent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The person cannot sign: record witnessed verbal consent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back to the information</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back to the consent information</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Witness&apos;s full name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who witnessed the verbal consent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why the person cannot sign</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. injured hand, cannot hold a pen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record verbal consent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record witnessed verbal consent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back to signing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back to the signature page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The person said out loud that they agree. A witness saw and heard it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give the device back to the practitioner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hand the device back: the practitioner types their password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thank you. Your consent is recorded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Please give the device back to the person who explained it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>I, {person_name}, have read this or had it read to me. I agree to the assessment and to treatment ({chosen}) if the court orders it. I understand my information may be shared as explained, and confidentiality may be broken if there is a risk of harm to me or to other people.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date and time: {utc}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Please press &quot;I understand&quot; on each point, or ask us to explain again. Still to do: {titles}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give the witness&apos;s full name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Say why the person cannot sign.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProgressStrip</name>
    <message>
        <source>Case progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go to the next step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next for you: {action}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing is waiting on this case.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next step: {words}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProviderAcceptanceTab</name>
    <message>
        <source>Treatment provider&apos;s acceptance (DRR, ATR)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record the provider&apos;s answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answer on the {text}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not accepted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Provider&apos;s answer: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Treatment provider&apos;s name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. the local drug and alcohol service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date of the provider&apos;s answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time of the provider&apos;s answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HH:MM</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Provider&apos;s reasons</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record the treatment provider&apos;s answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requirement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Provider</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answered on (date, time)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reasons (needed if not accepted)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Treatment provider&apos;s answer recorded: {verdict}.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QuestionPage</name>
    <message>
        <source>Answer {0}: {label}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QuestionnairesTab</name>
    <message>
        <source>Start {short_title}{shown}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start {title} with the practitioner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hand over</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start {title} in hand-over mode for the person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start a questionnaire</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drafts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume {title}, started {started_at} ({answered} answered)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume the {title} draft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No drafts.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RecoveryKeyPage</name>
    <message>
        <source>Your recovery key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Creating the encrypted database ...</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RecoveryKeyPanel</name>
    <message>
        <source>Recovery key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print this key or write it down, and keep it locked away from the laptop. It opens the database if every administrator password is lost. It will not be shown again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Print the key ...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print the recovery key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>I have stored the recovery key safely</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReferralPage</name>
    <message>
        <source>New referral</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Given name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Family name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date of birth (dd/mm/yyyy)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NHS number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>10 digits, e.g. 943 476 5919</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PNC number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. 12/3456789A</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Postcode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>People already recorded who match</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Referral source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Referral source, if other</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Court</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hearing date (dd/mm/yyyy)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offence type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plea</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save referral</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel the new referral</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Given name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Family name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Date of birth</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;NHS number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;PNC number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>P&amp;ostcode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Referral &amp;source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>If other, &amp;who</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Court</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Hearing date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offence &amp;type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>P&amp;lea</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The referral</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Already recorded (Enter to use):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Using the existing record for {full_name}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The referral source is &apos;other&apos;: please say who made the referral.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{full_name}, born {date_of_birth}, may already be recorded. Press Enter on the match to use that record, or press Save referral again if this is a different person.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Please give the {name} as dd/mm/yyyy.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The {name}: {problem}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReportsTab</name>
    <message>
        <source>Reports</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Still missing before the final report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a report to see it here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save as PDF…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the report as a PDF file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print the report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Report preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why the {label} is not available</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That report cannot be made now; see the reasons beside it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Making the {label}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The report was made but could not be shown. Please try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{title}: {pages} page{0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preview of the {title}, {pages} pages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing is missing: the Clinical Lead can sign off the final report.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Report preview: no report shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the report as PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{title} saved as {name}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{title} sent to the printer.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ResultsPanel</name>
    <message>
        <source>Questionnaire results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Questionnaire</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Score</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Band</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Completed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Results</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReviewPanel</name>
    <message>
        <source>Answers given</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finish (Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finish the questionnaire</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the answers. Press a question to change its answer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change the answer to question {number}: {text}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change the answer to: {text}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReviewsTab</name>
    <message>
        <source>Court reviews and the final sentence review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DRR review hearings (CJA 2003 s.210)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date of the review hearing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Court of the review hearing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Schedule hearing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Schedule the review hearing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hearing (dd/mm/yyyy), court</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Court review report: contributions (draft until probation signs off)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First day of the period reviewed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last day of the period reviewed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Review hearing the report is for</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Engagement with treatment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Assessment of progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Treatment provider&apos;s name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Treatment provider&apos;s contribution</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Probation&apos;s contribution</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discussed with the person before the review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why it was not discussed with the person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>only when it was not discussed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save contributions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the review&apos;s contributions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign off for the court (probation)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign off the review report for the court</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Period from, to; hearing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Engagement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Provider</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Provider&apos;s contribution</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discussed with the person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>If not, why not</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Final sentence review (at completion, with the provider and the person)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date of the final sentence review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The person took part</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The health provider took part</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How ongoing needs will be met</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Onward referral to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the agency the person is referred to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record final review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record the final sentence review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requirement whose provider signs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Provider signing the completion documents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the provider&apos;s name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Provider signs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign the completion documents for the provider</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re-administered: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reviewed on (dd/mm/yyyy)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tools re-administered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ongoing needs plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign-off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The court must review this DRR (12 months or more, CJA 2003 s.210).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No hearing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hearing {hearing_on}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed off: {done}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No review started yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draft, ready for probation to sign off.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The final review follows the end of treatment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not recorded yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reviewed {reviewed_on}; onward referral to {onward_referral_to}. Signed: {0}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Review hearing scheduled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Review contributions saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the review&apos;s contributions first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Review report signed off for the court.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Final sentence review recorded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Provider&apos;s sign-off recorded.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RiskTab</name>
    <message>
        <source>Sessions where the risk changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Safeguarding referrals made</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Risk and safeguarding</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At assessment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changes noted at treatment sessions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Safeguarding referrals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record a safeguarding referral</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date the referral was made</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agency referred to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agency, if other</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Person or team the referral was made to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Their reference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>if they gave one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The concern</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. risk to a child in the household</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record referral</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record the safeguarding referral</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date (dd/mm/yyyy)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>If other, which</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Made to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Concern</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Session {number}, {scheduled_at}: {risk_note}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No change in risk noted at a session.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{made_on}: {agency}, to {made_to}{reference}: {concern}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No safeguarding referral recorded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Safeguarding referral recorded.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Runner</name>
    <message>
        <source>{short_title} questionnaire</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Progress through the questionnaire</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thank you. That is all the questions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Please hand the device back to the practitioner.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hand back to the practitioner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back (Backspace)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back to the previous question</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Skip (S)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Skip this question</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undo (Ctrl+Z)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undo the last answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Review (R)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Review all answers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close, keep as draft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close the questionnaire and keep it as a draft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hand back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answer not saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try saving the answer again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Question {number} of {asked}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last answer undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{what} was not saved. {message} You can also {later}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recorded: the Court Duty Officer is to be told.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Risk prompt acknowledged and recorded.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SentenceTab</name>
    <message>
        <source>Sentence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record the sentence (sentencer&apos;s and probation&apos;s feedback forms)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date of sentence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time of sentence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HH:MM</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sentence given</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Length of order in months</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not an order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other requirements given</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. residence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sentencer&apos;s additional comments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>from the sentencer&apos;s feedback form</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason no treatment requirement was given</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Custody length in weeks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sentence without a CSTR</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>what the court says it would have given</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Custody weeks without a CSTR</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record sentence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record the sentence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fill in the sentence as recommended</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date (dd/mm/yyyy)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time (HH:MM)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Length (months)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requirements</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other requirements</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sentencer&apos;s comments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>If no CSTR, why</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>If custody, weeks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Without a CSTR, the court would have given</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>... custody weeks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adjournments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adjournments recorded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date adjourned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason for adjournment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record adjournment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record the adjournment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The court gave what was recommended: {words}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sentence recorded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adjournment recorded.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ServedPostcodesField</name>
    <message>
        <source>Postcode areas and districts served</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. NT, or NT1 NT2 NT3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SetupWizard</name>
    <message>
        <source>Set up CSTR Desk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database could not be created: {message}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SignInWindow</name>
    <message>
        <source>CSTR Desk - sign in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in to CSTR Desk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Username</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opening the database ...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Username</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSTR Desk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Database: {database}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recent:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in as {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Please type your username and your password.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SignatureField</name>
    <message>
        <source>Clear signature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear the signature and start again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in the box with your finger, a pen or the mouse.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SignaturePad</name>
    <message>
        <source>Signature pad</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign here with a finger, a pen or the mouse. If you cannot sign, ask for verbal consent to be recorded with a witness instead.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SitePage</name>
    <message>
        <source>About this site</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Site name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. Northtown Liaison and Diversion</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Site name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Courts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Postcodes served</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Lock after (minutes idle)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Please give the site a name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Please name at least one court, one a line.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SiteSettingsDialog</name>
    <message>
        <source>Site settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the site settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close without saving</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Courts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Postcodes served</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Lock after (minutes idle)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Keep closed cases (days after closing)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contact details, printed on the report, the consent copy and the GP letter</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StandardConsentView</name>
    <message>
        <source>Consent information</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StartDeadlinesPanel</name>
    <message>
        <source>Treatment starts and review reports due</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No treatment starts or review reports waiting.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open case</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the chosen case</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Treatment to start (DRR 2 working days, ATR 14 days)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TreatmentTab</name>
    <message>
        <source>Treatment sessions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow-ups due</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Treatment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deadlines on this case</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Allocate to me</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Allocate this case to me</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Practitioner to allocate the case to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason for moving the case</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>why it moves, if it does</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Allocate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Allocate the case to the chosen practitioner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow-ups (3, 6 and 12 months after completion)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Schedule sessions (MHTR: 12 weekly one-hour sessions)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First session date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First session time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HH:MM</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Number of sessions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fortnightly</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fortnightly instead of weekly</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Schedule the sessions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GP registration before treatment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Registered with a GP now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Registered with a GP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not registered with a GP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GP practice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>practice name, if registered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date checked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record GP check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record the GP registration check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Selected session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attended</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark the session attended</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason the appointment was missed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the reason missed...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notes on the missed appointment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>notes (needed for Other)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Missed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark the session missed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark the session cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offender manager told</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark the offender manager told now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Missed because:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notes on the selected session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Risk changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The risk changed at this session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How the risk changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>how the risk changed and what was done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the notes on the selected session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Breach (probation&apos;s decision)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Breach decision date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Returned to court</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About the treatment requirement (not another requirement)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason for breach</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record breach</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record the breach</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What the court did on the latest breach</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record court outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record the court&apos;s outcome on the latest breach</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date (dd/mm/yyyy)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>End of treatment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date treatment ended</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Completed (untick if it ended early)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notes on the end of treatment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signposting and onward referrals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>helplines, local services, referrals made</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record end of treatment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record the end of treatment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow-up month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{months} months</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow-up done today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record the follow-up as done today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ended on (dd/mm/yyyy)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signposting, referrals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow-up at</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Practitioner: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No practitioner allocated yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Treatment has not ended.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{state} on {ended_on}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{months_after} months: due {due_on}, {done}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GP registration recorded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} sessions scheduled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Please choose a session in the list first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Session marked {0}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Please choose a missed session in the list first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offender manager told.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Breach recorded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Session notes saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The case is allocated to {name}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The case is allocated to you.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The court&apos;s outcome on the breach recorded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>End of treatment recorded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow-up recorded.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UnderstandButton</name>
    <message>
        <source>I understand: {statement}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✓ I understand</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>I understand</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UsersDialog</name>
    <message>
        <source>Users</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accounts on this device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close the users screen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New user&apos;s full name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New user&apos;s username</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New user&apos;s role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New user&apos;s first password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The first password again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add this user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add someone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Full name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Username</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password &amp;again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New password for the chosen user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set new password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set a new password for the chosen user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Switch the account off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Switch the chosen account off: they can no longer sign in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re-&amp;key now ...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give the database a new key and a new recovery key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re-keying the database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The two passwords are not the same. Please type them again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Please give the new user&apos;s full name and a username.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} can sign in now as “{username}”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New password set for {full_name}. Tell them in person.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re-key the database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re-keying the database: copying every record under the new key ...</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>actions</name>
    <message>
        <source>register a referral</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>screen the person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>carry out the practitioner assessment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>check eligibility</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>take consent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>record that consent was withdrawn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>record a Clinical Lead decision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sign off the report for the court</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>record the treatment provider&apos;s acceptance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>issue a draft report for the PSR</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>issue the final report for the PSR</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>issue a copy of the consent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>issue the GP letter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>issue the completion report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>issue the DRR court review report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>print the leaflet with the next appointment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>record an adjournment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>record the sentence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>schedule treatment sessions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>record attendance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>close the case</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>record the plea and the order details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>record the PSR&apos;s proposal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>record equality monitoring answers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>record a breach decision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>record the start of treatment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>record drug tests and the test schedule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>record meetings, court reviews and the final sentence review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sign off a court review report for probation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sign the completion documents for a provider</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>record a safeguarding referral</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>allocate the practitioner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>allocate a case to another practitioner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>record contact preferences and missed-appointment follow-ups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>record the treatment plan sent to the offender manager</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>record the leaflet given at sentence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>record whether the person is registered with a GP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>see case records</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>move a case along the pathway</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>record a report or export in the audit trail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>see the site settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>see who has an account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>lock, unlock or change their own password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>prepare the monitoring return</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>manage the user accounts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>change the site settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>read the audit trail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>back up the database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>restore the database from a backup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>check the database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>re-key the database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>export a subject access request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>load demonstration cases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>enrol this desk with the site hub</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>send this desk&apos;s changes to the site hub</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>clear closed cases the site hub has confirmed from this desk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bring the site&apos;s cases waiting for assessment onto this desk</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>assessment</name>
    <message>
        <source>✓ Met:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>? To check:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✗ Not met:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot be scored:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>case_list</name>
    <message>
        <source>Referred</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Screened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Assessed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consented</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clinical Lead decision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Report issued</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sentenced</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In treatment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hearing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date of birth</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PNC</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Court</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>consent</name>
    <message>
        <source>Interpreter used: {interpreter_language}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Understood: {understood}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verbal consent witnessed by {verbal_consent_witness} ({verbal_consent_reason}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GP surgery: {gp_surgery}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>WITHDRAWN {withdrawn_at}: {withdrawal_reason}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>contact</name>
    <message>
        <source>Phone call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Letter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outreach (a visit)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Their care coordinator</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>court</name>
    <message>
        <source>Not yet taken</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Guilty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not guilty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Found guilty after trial</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Low</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Medium</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>High</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Community order (CO)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Suspended sentence order (SSO)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not applicable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Did not consent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No drug testing available</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No suitable treatment available</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Had previously failed on a CSTR</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Yes, already in treatment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Yes, a treatment plan is arranged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No, no treatment is in place</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> months</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>decision</name>
    <message>
        <source>No practitioner assessment recorded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Presenting problem: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Formulation: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Crisis plan: {crisis_plan}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consent: none in force.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consent: given {consented_at} for {chosen}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Risk: {name} item{0} {items} endorsed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Self-harm: {self_harm}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Suicide: {suicide}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Eligibility not met: {rule}. {detail}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Support and signposting offered: {signposting}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>duties</name>
    <message>
        <source>first treatment session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>breach decision (2 missed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>follow up the missed appointment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tell the care coordinator at once (risk; missed appointment)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>leaflet with the next appointment (at sentence)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>treatment plan to the offender manager (breach)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{what}, session {number} on {on}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{what}, breach of {on}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{what} on {done} (due {due})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{what} overdue since {due}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{what} due by {due}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>equality</name>
    <message>
        <source>Gender</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ethnicity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pregnancy and caring responsibilities</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disability</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Served in the armed forces</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accommodation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accommodation changed recently</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Looked-after child or care leaver</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Education</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Education, health and care plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Religion or belief</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sexual orientation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prefers not to say</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Non-binary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>White: English, Welsh, Scottish, Northern Irish or British</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>White: Irish</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>White: Gypsy or Irish Traveller</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>White: Roma</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>White: any other White background</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mixed: White and Black Caribbean</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mixed: White and Black African</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mixed: White and Asian</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mixed: any other mixed background</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asian or Asian British: Indian</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asian or Asian British: Pakistani</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asian or Asian British: Bangladeshi</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asian or Asian British: Chinese</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asian or Asian British: any other Asian background</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Black or Black British: African</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Black or Black British: Caribbean</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Black or Black British: any other Black background</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other: Arab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pregnant and caring</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Caring responsibilities</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No fixed abode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Temporary or unsettled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gay or lesbian</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Further education (college)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Higher education (university)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>School qualifications</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>order_tab</name>
    <message>
        <source>standard met</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>standard missed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not started yet</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>outcomes</name>
    <message>
        <source>Reliable improvement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reliable deterioration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No reliable change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot be classified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CORE-OM (clinical score)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PHQ-9</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GAD-7</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pathway</name>
    <message>
        <source>{name}&apos;s account is switched off, so it cannot {action}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{role} cannot {action}: {who_can}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The case was closed on {on}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The practitioner assessment is not complete yet (Manual §4.2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The person withdrew consent; take consent again first (Manual §4.3).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No consent has been recorded yet (Manual §4.3, §4.4).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The case was sentenced on {on}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This referral is already registered.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Say who made the referral: the source is &apos;other&apos; but no detail is given.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The date of birth is in the future.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Screening is before sentence; use the outcome measures now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} is {count}: a CSTR is only for people aged {limit} or over (Manual §4.1), so consent cannot be taken.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consent given on {on} is in force and not due for renewal.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>After sentence consent can only be renewed; tell the offender manager.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no consent in force to withdraw.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A Clinical Lead decision is already recorded ({on}); correct it with an amendment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The person was not assessed for a DRR or an ATR, so there is no provider&apos;s answer to record (Manual §2.4).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Clinical Lead has not decided yet (Manual §4.4).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The treatment provider&apos;s answer on the {requirements} is not known yet (Manual §2.4).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Clinical Lead has not signed off the report yet: ask {name} to sign it off on the Clinical Lead decision tab.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The report is already signed off.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No consent has been recorded yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The GP letter follows the court outcome, which is not recorded yet (Manual §5.3).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no treatment under way to report on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Court review reports are for a DRR, and this case has none.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No court review is recorded yet: add the period and the contributions first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The leaflet is given at sentence to a treatment requirement, which is not recorded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No next appointment is known yet: book the first session, or give the Clinical Lead&apos;s first appointment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The person has not pleaded guilty or been found guilty (Manual §3.2.1); record the plea when it is taken.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sentence is already recorded; correct it with an amendment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The PSR&apos;s proposal is already recorded; correct it with an amendment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Treatment follows sentence, which is not recorded yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sentence has no treatment requirement (MHTR, DRR or ATR).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consent was withdrawn; tell the offender manager, who decides on breach (Manual §4.7).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No treatment sessions are scheduled yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{count} treatment session(s) are still booked; record attendance or cancel them first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Clinical Lead declined to treat.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Assessed without a screen.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sentenced without a printed report.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sentence has no treatment requirement.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for {who} to {action}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>only a Clinical Lead, or a practitioner recording the Clinical Lead&apos;s telephone decision, can</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>only a Clinical Lead signs it off, and a Court Duty Officer issues it once signed off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>only {who} can</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name}, the Clinical Lead,</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You cannot {action} on this case yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> and </source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>plain_words</name>
    <message>
        <source>Source: {source}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>progress_strip</name>
    <message>
        <source>done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>next</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>to come</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not needed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Referral</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Screening</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Assessment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clinical Lead decision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign-off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sentence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Treatment</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>provider_acceptance</name>
    <message>
        <source>{name}: the provider&apos;s answer is not known yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name}: {verdict} by {provider_name} on {decided_at}.{reasons}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>recovery_sheet</name>
    <message>
        <source>Print the recovery key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No printer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No printer is set up on this laptop.

Write the key down, or save it as a PDF file to print elsewhere. The file is a copy of the key: save it only to a USB stick you will lock away, and delete it once printed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the recovery key as PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>results</name>
    <message>
        <source>Cannot be scored yet:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Band: {label}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Flag: {words}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>risk</name>
    <message>
        <source>MASH (Multi-Agency Safeguarding Hub)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MAPPA (Multi-Agency Public Protection Arrangements)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MARAC (domestic abuse risk conference)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other agency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Self-harm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Suicide</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Harm to others</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Safeguarding</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Crisis plan</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>roles</name>
    <message>
        <source>Liaison &amp; Diversion worker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MHTR practitioner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clinical Lead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Court Duty Officer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a Liaison &amp; Diversion worker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an MHTR practitioner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a Clinical Lead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a Court Duty Officer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an Administrator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{some} or {last}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>score bands</name>
    <message>
        <source>Low</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Moderate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>High</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Very high</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Likely to be well</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Likely to have a mild mental disorder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Likely to have a moderate mental disorder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Likely to have a severe mental disorder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Healthy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Low level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mild</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Moderate-to-severe</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Severe</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None-minimal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Moderately severe</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Minimal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zone I: lower risk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zone II: hazardous drinking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zone III: harmful drinking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zone IV: possible dependence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Screen negative (lower risk)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Screen positive (increasing or higher risk)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>score rules</name>
    <message>
        <source>the PMHC-MDS K10 scoring rule (Nov 2021: pro-rate one missing item, rounded)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the CORE System Trust rule (&apos;What&apos;s in a name (1)&apos;: pro-rate one missing item)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the CORE System Trust rule (&apos;What&apos;s in a name (1)&apos;, 2023)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the NHS Data Dictionary PHQ-9 rule (pro-rate 1 or 2 missing items)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSTR Desk&apos;s rule for the GAD-7 (no published rule; no pro-rating)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the WHO AUDIT manual, which gives no pro-rating rule,</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the AUDIT-C, which has no pro-rating rule,</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>score scales</name>
    <message>
        <source>All items</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All minus risk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Well-being</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Problems</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Functioning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Risk</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>scores</name>
    <message>
        <source>assess risk now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>review risk to self and others now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{scale}: 1 item missing ({items}); {rule} allows {allowed}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{scale}: {count} items missing ({items}); {rule} allows {allowed}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no missing items</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>at most {count} missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{instrument} item {item} has the answer {answer} but is skipped by the rule &quot;{rule}&quot;, so it scores 0.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{number} “{text}” answered “{answer}”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Risk item {items}: {advice}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Risk items {items}: {advice}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{instrument} score {score} is at or above the caseness cut-off of {threshold} ({source}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{instrument} {score} ({threshold} or more): possible dependence - consider ATR ({source}). The score supports the assessment; it does not decide it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{instrument} {score} ({threshold}-{below}): investigate ATR suitability ({source}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AUDIT-C {score} ({threshold} or more) is positive: complete the full AUDIT ({source}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AUDIT-C part (items 1-3) {score} is positive ({threshold} or more); this full AUDIT is the follow-up it calls for ({source}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change cannot be classified:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>before: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>after: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sentence</name>
    <message>
        <source>Community order (CO)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Suspended sentence order (SSO)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Custody</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discharge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Treatment requirement: {combination}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No treatment requirement: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Custody: {custody_weeks} weeks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Without a CSTR the court would have given: {0}{weeks}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{recommended_length_months} months</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>site_settings</name>
    <message>
        <source>Courts, one a line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One court a line, e.g. Northtown Magistrates&apos; Court</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lock after this many idle minutes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Days a closed case stays on this desk once the site hub holds it</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>theme</name>
    <message>
        <source>Normal text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Large text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Extra large text</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>treatment</name>
    <message>
        <source>Booked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attended</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Missed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re-sentenced to a CSTR</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re-sentenced to another order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Custody</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order continued</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Breach withdrawn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>registered with a GP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not registered with a GP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GP registration not recorded</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>widgets</name>
    <message>
        <source>dd/mm/yyyy</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
