/**
 * The text of an English journal paper for the PDF layout tests: sections of paragraphs, with
 * footnotes written in place as `{{note text}}`, and a reference list. Written for these tests
 * (plain prose, no LaTeX specials), long enough for three pages in two columns.
 */
import type { PaperText } from './texPapers.js';

export const ENGLISH: PaperText = {
  title: 'Junior Partners and the Management of Asymmetric Alliances',
  authors: 'Mary Hollis and Daniel Okafor',
  abstract:
    'Junior partners in asymmetric alliances are usually described as takers of terms set elsewhere. This article argues that they shape those terms through the timing of their commitments, the audiences they address at home, and the information they choose to share. Drawing on three cases from the late twentieth century, it shows that small states gained the most when they made their support conditional early and public late.',
  head: 'Journal of Alliance Studies',
  sections: [
    {
      heading: '1 Introduction',
      paragraphs: [
        'Alliance politics has long been studied as a matter of capabilities, in which the stronger partner decides and the weaker one follows.{{Glenn H. Snyder, Alliance Politics, Ithaca: Cornell University Press, 1997, pp. 165-200.}} Yet junior partners often shape the terms of cooperation far more than their material weight would suggest. They choose when to commit, how loudly to commit, and which of their obligations to leave vague. These choices are cheap for the junior partner and costly for the senior one to ignore, because a visible quarrel inside an alliance is read by adversaries as a sign of weakness.',
        'This article asks how junior partners turn such small choices into lasting influence. It starts from the familiar dilemma of abandonment and entrapment, in which each partner fears both being left alone in a crisis and being dragged into a conflict it did not choose. Where most studies look at the senior partner and ask how it restrains its clients, this study looks the other way and asks how clients manage their patrons. The answer matters for anyone who wants to predict how a loose coalition will behave when a crisis arrives without warning.',
      ],
    },
    {
      heading: '2 The Argument',
      paragraphs: [
        'The argument has three parts. First, a junior partner gains leverage when it commits early but conditionally, because the senior partner then plans around a commitment it cannot take for granted. Second, the junior partner gains leverage when it addresses its domestic audience late, because a public promise made at the last moment is hard for the patron to refuse without embarrassing a friend. Third, the junior partner gains leverage when it shares information selectively, because the patron depends on local knowledge that only the client holds.',
        'Each of these mechanisms has a cost. Conditional commitments invite suspicion, late public promises can tie the hands of the junior partner as much as those of its patron, and selective sharing can be discovered and punished.{{On the costs of signalling in alliances, see James D. Fearon, Signaling Foreign Policy Interests, Journal of Conflict Resolution, 1997.}} The argument therefore does not predict that junior partners always win. It predicts that they win more often than their capabilities suggest, and that they win most often when they combine the three mechanisms rather than relying on any one of them alone.',
        'A simple illustration makes the logic concrete. Suppose that a patron needs the use of a port in a distant region and that only one client can offer it. If the client offers the port early but attaches conditions, the patron builds its plans around the port and grows reluctant to look elsewhere. If the client then announces the offer at home only when the patron has already committed resources, the patron faces a choice between accepting the conditions and humiliating a partner in public. The client has turned a modest asset into a strong position without any change in its material power.',
      ],
    },
    {
      heading: '3 Cases and Method',
      paragraphs: [
        'The cases were chosen to vary the strength of the patron and the value of the client. In the first case, a client with a valuable location faced a patron distracted by a war elsewhere. In the second case, a client of modest value faced a patron at the height of its power. In the third case, two clients competed for the attention of one patron, which allowed the patron to play them against each other. If the argument holds, the clients should have gained the most in the first case and the least in the third, with the second case in between.',
        'The evidence comes from published diplomatic records, memoirs of officials on both sides, and newspaper reporting in the capitals of the clients. Each source was read for three kinds of statements: promises made in private, promises made in public, and complaints about information withheld.{{The coding rules and the full list of statements are given in the online appendix.}} The analysis counts these statements by month and compares their timing with the concessions that each patron made. The method cannot prove that the timing caused the concessions, but it can show whether the sequence that the argument predicts actually occurred in each case.',
      ],
    },
    {
      heading: '4 Findings',
      paragraphs: [
        'In the first case the sequence appears clearly. The client offered its support within weeks of the first request, but it tied the offer to a list of conditions that it did not publish. For several months the patron treated the conditions as negotiable and planned as if the support were certain. When the client finally announced its support in parliament, the conditions were written into the announcement, and the patron accepted almost all of them within a month.{{The parliamentary record of the announcement is quoted at length in the memoir of the foreign minister of the client.}}',
        'The second case shows the limits of the mechanisms. The client again committed early and conditionally, but the patron had alternatives and said so in public. The late domestic announcement therefore tied the hands of the client rather than those of the patron, and the client had to drop most of its conditions to avoid a visible defeat at home. Selective sharing of information helped a little, because the patron still valued local knowledge, but it could not make up for the weak bargaining position.',
        'The third case confirms that competition among clients erodes their leverage. Each client tried to commit early and conditionally, but the patron answered by offering better terms to whichever client dropped its conditions first. Both clients ended with fewer concessions than the client in the first case, even though one of them held assets of similar value. The officials of the patron understood this clearly,{{The memoranda were declassified in 2004 and are held in the national archives of the patron.}} and their internal memoranda describe the competition between the two clients as the most useful feature of the whole negotiation.',
      ],
    },
    {
      heading: '5 Conclusion',
      paragraphs: [
        'Junior partners are not simply takers of terms. The timing of their commitments, the audiences they address and the information they share give them room to shape the terms of cooperation, within limits set by the alternatives that their patrons enjoy. The findings suggest that studies of alliance management should treat the junior partner as an actor with strategies of its own, rather than as a passive object of restraint. They also suggest that patrons who want to limit the leverage of their clients should keep alternatives visible and encourage competition among clients.',
        'Two questions remain open for further research. The first is whether the same mechanisms operate in alliances with more than one strong partner, where a client can turn to a second patron. The second is whether the mechanisms work as well in an age of constant public communication, when it is harder to keep a commitment private for long. Both questions can be studied with the method used here, by counting private and public promises and comparing their timing with the concessions that follow.',
      ],
    },
  ],
  references: [
    'Fearon, James D. Signaling Foreign Policy Interests: Tying Hands versus Sinking Costs. Journal of Conflict Resolution 41, no. 1 (1997): 68-90.',
    'Morrow, James D. Alliances and Asymmetry: An Alternative to the Capability Aggregation Model of Alliances. American Journal of Political Science 35, no. 4 (1991): 904-933.',
    'Snyder, Glenn H. Alliance Politics. Ithaca: Cornell University Press, 1997.',
    'Snyder, Glenn H. The Security Dilemma in Alliance Politics. World Politics 36, no. 4 (1984): 461-495.',
    'Walt, Stephen M. The Origins of Alliances. Ithaca: Cornell University Press, 1987.',
    'Keohane, Robert O. The Big Influence of Small Allies. Foreign Policy, no. 2 (1971): 161-182.',
  ],
  figure: 'Figure 1: Concessions by month in the three cases, with the dates of private and public promises.',
};
