//! The reference scenario, `examples/acme.ims`: what the full analysis says.

use expect_test::expect;

use super::check;

#[test]
fn acme() {
    check(
        include_str!("../../../../examples/acme.ims"),
        expect![[r#"
            warning[scope-gap] 27:6..27:8 `hq`
              site `hq` is in the scope of `SMS` and `QMS` but not of `ISMS`: integration is limited where scopes differ
              related 50:74..50:76 `hq`: in the scope of SMS
              related 56:30..56:40 `operations`: in the scope of QMS, because `operations` works there
              related 64:18..64:70 `{ sites dc1; units operations; suppliers racksp…`: not in the scope of ISMS
              fix Add site `hq` to the scope of ISMS: 64:29..64:29 ", hq"
            warning[org-location-mismatch] 31:6..31:16 `operations`
              unit `operations` works at `hq` and `dc1`: the organisation-based SMS and QMS scopes hold all of its work, the location-based ISMS scope only its work at `dc1`; its work at `hq` is outside ISMS
              related 50:35..50:45 `operations`: in the organisation-based SMS scope, wherever it works
              related 56:30..56:40 `operations`: in the organisation-based QMS scope, wherever it works
              related 64:37..64:47 `operations`: the location-based ISMS scope, which holds site `dc1`
              fix Add site `hq` to the scope of ISMS: 64:29..64:29 ", hq"
            warning[scope-gap] 32:6..32:17 `procurement`
              unit `procurement` is in the scope of `SMS` and `QMS` but not of `ISMS`: integration is limited where scopes differ
              related 50:47..50:58 `procurement`: in the scope of SMS
              related 56:42..56:53 `procurement`: in the scope of QMS
              related 64:18..64:70 `{ sites dc1; units operations; suppliers racksp…`: not in the scope of ISMS
              fix Add unit `procurement` and site `hq` to the scope of ISMS: 64:47..64:47 ", procurement", 64:29..64:29 ", hq"
            warning[scope-gap] 33:6..33:12 `team-a`
              unit `team-a` is in the scope of `SMS` and `QMS` but not of `ISMS`: integration is limited where scopes differ
              related 50:60..50:66 `team-a`: in the scope of SMS
              related 56:55..56:61 `team-a`: in the scope of QMS
              related 64:18..64:70 `{ sites dc1; units operations; suppliers racksp…`: not in the scope of ISMS
              fix Add unit `team-a` and site `hq` to the scope of ISMS: 64:47..64:47 ", team-a", 64:29..64:29 ", hq"
            warning[scope-gap] 40:9..40:16 `hosting`
              service `hosting` is in the scope of `SMS` but not of `QMS` and `ISMS`: integration is limited where scopes differ
              related 50:20..50:27 `hosting`: in the scope of SMS
              related 56:22..56:63 `{ units operations, procurement, team-a }`: not in the scope of QMS
              related 64:18..64:70 `{ sites dc1; units operations; suppliers racksp…`: not in the scope of ISMS
              fix Add service `hosting` to the scopes of QMS and ISMS: 56:23..56:23 " services hosting;", 64:19..64:19 " services hosting;"
            warning[uncovered-clauses] 49:8..49:11 `SMS`
              no process covers 48 of the 57 mandatory clauses of ISO/IEC 20000-1:2018 in `SMS`: 4-7, 8.1, 8.2, 8.3.1-8.3.3, 8.4, 8.5.1, 8.5.3, 8.6, 8.7.1, 8.7.2, 9.1, 9.2, 9.4, 10
            warning[uncovered-clauses] 55:8..55:11 `QMS`
              no process covers 52 of the 65 mandatory clauses of ISO 9001:2015 in `QMS`: 4-6, 7.1.1-7.1.4, 7.1.5.1, 7.1.6, 7.2-7.5, 8.1, 8.2, 8.5-8.7, 9.1, 9.2, 10
            warning[scope-content] 56:22..56:63 `{ units operations, procurement, team-a }`
              the scope of `QMS` does not state the services it covers (ISO 9001:2015 4.3): list them in `services`
            warning[uncovered-clauses] 63:8..63:12 `ISMS`
              no process covers 27 of the 30 mandatory clauses of ISO/IEC 27001:2022 in `ISMS`: 4-8, 9.1, 9.2, 10
            warning[soa-incomplete] 65:3..65:11 `controls`
              the Statement of Applicability of `ISMS` does not address 87 of the 93 Annex A controls: A.5.1-A.5.18, A.5.24-A.5.37, A.6.1-A.6.8, A.7.1-A.7.14, A.8.1-A.8.29, A.8.31-A.8.34
            warning[control-not-implemented] 66:16..66:44 `27001:A.5.19 .. 27001:A.5.23`
              applicable in the Statement of Applicability of `ISMS`, but no process implements A.5.21 Managing information security in the ICT supply chain; A.5.22 Monitoring, review and change management of supplier services; A.5.23 Information security for use of cloud services
            warning[scope-crossing] 75:9..75:28 `supplier-management`
              process `supplier-management` covers 27001:A.5.19 and 27001:A.5.20 of ISMS but involves unit `procurement`, outside the ISMS scope
              related 76:9..76:20 `procurement`: `procurement` is not in the scope of ISMS
              fix Add unit `procurement` and site `hq` to the scope of ISMS: 64:47..64:47 ", procurement", 64:29..64:29 ", hq"
            warning[delegation-gap] 82:50..82:72 `20000-1:8.7.3 via ISMS`
              20000-1:8.7.3 of SMS is delegated to ISMS, whose scope misses units `procurement` and `team-a`, site `hq` and service `hosting` of the SMS scope: ISMS meets it only for part of SMS
              related 64:18..64:70 `{ sites dc1; units operations; suppliers racksp…`: the ISMS scope
              related 50:9..50:83 `{ services hosting; units operations, procureme…`: the SMS scope
              fix Add units `procurement` and `team-a`, site `hq` and service `hosting` to the scope of ISMS: 64:47..64:47 ", procurement, team-a", 64:29..64:29 ", hq", 64:19..64:19 " services hosting;"
            hint[harmonized-additions] 87:10..87:21 `20000-1:9.3`
              `review` serves the harmonized clause 9.3 Management review of ISO/IEC 20000-1:2018, ISO 9001:2015 and ISO/IEC 27001:2022: it must also meet what each standard adds to the common text
              related 87:10..87:21 `20000-1:9.3`: 20000-1:9.3: Adds service-specific review inputs, such as service performance, customer satisfaction, service complaints, supplier performance, changes in the services, and resource needs.
              related 87:23..87:31 `9001:9.3`: 9001:9.3: Adds alignment with the strategic direction and specific review inputs: customer satisfaction and feedback, the extent quality objectives are met, process performance and conformity of products and services, external provider performance, adequacy of resources, effectiveness of actions on risks and opportunities, and improvement opportunities; outputs include needed QMS changes and resource needs.
              related 87:33..87:42 `27001:9.3`: 27001:9.3: Splits the clause into 9.3.1 General, 9.3.2 Management review inputs and 9.3.3 Management review results; the inputs add changes in interested parties' needs, trends in nonconformities, monitoring and audit results, fulfilment of objectives, interested parties' feedback, risk assessment results and the status of the risk treatment plan.
        "#]],
    );
}
