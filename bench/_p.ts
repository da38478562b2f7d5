import { Packer } from "docx";
import { buildAgreementView } from "../app/domain/agreement-view";
import { buildAgreementDocument } from "../templates/agreement";
import { scaledAgreementRecord } from "../test/fixtures/agreement-record";
const v = buildAgreementView({ ...scaledAgreementRecord({ parties: 15, activities: 4, agreementCriteria: 3, criteriaPerActivity: 3 }), id: 1, focusArea: { id: 1, name: "X" } });
async function main() { for (let i = 0; i < 600; i++) await Packer.toBuffer(buildAgreementDocument(v)); }
void main();
