// Every registered paper, imported for its registration (defineDocument) — what the render
// workers load (renderWorker.ts), where no feature module is imported otherwise. A paper
// missing here still prints: the pool draws a type its workers do not know on the main thread
// (renderPool.ts), and test/documents/renderPool.test.ts fails until it is listed.
import '../counter/documents/acceptanceReceipt';
import '../counter/documents/acceptanceSlip';
import '../counter/documents/missingMaterialsNotice';
import '../counter/documents/nonAcceptanceNotice';
import '../counter/documents/resultNotice';
import '../counter/documents/summaryReport';
import '../counter/errands/documents/authorisation';
import '../counter/errands/documents/handoverList';
import '../matters/documents/statisticsReport';
import './samples/agreement';
import './samples/receiptSlip';
import './samples/residentList';
import '../mediation/documents/agreement';
import '../mediation/documents/application';
import '../mediation/documents/caseFile';
import '../mediation/documents/closingSheet';
import '../mediation/documents/courtApplication';
import '../mediation/documents/followUpRecord';
import '../mediation/documents/investigationRecord';
import '../mediation/documents/monthlyStatisticsReport';
import '../mediation/documents/oralAgreement';
import '../mediation/documents/refusalNotice';
import '../mediation/documents/registrationForm';
import '../mediation/documents/rightsNotice';
import '../mediation/documents/sessionRecord';
import '../mediation/documents/terminationNotice';
import '../petitions/documents/acceptanceNotice';
import '../petitions/documents/extensionNotice';
import '../petitions/documents/monthlyStatisticsReport';
import '../petitions/documents/notAcceptedNotice';
import '../petitions/documents/receptionRota';
import '../petitions/documents/registrationForm';
import '../petitions/documents/reply';
import '../queue/documents/ticketSlip';
