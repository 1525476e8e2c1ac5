from consortia.accounts.views import home

consortium_list = consortium_detail = member_list = member_add = lead_contacts = member_import = home
member_export = member_detail = member_edit = organization_edit = member_end = contact_add = home
contact_edit = contact_remove = people_search = person_verify_orcid = request_list = request_decide = home
change_acknowledge = my_organization = home
